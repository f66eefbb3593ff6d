using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>The data-protection keys (which sign every cookie) are encrypted in the database with the configured certificate.</summary>
public sealed class KeyRingTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task The_keys_in_the_database_are_encrypted_and_the_certificate_is_private_to_the_app()
    {
        using var browser = await Fixture.SignInAsync("manager@demo.test"); // sign-in uses (and makes) the key ring

        var keys = await Fixture.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // no master key in the clear
        });
        Assert.True(File.Exists(AppFactory.KeyRingCertificatePath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(AppFactory.KeyRingCertificatePath));
        }

        // And the app reads them back: the session goes on.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("/compensation")).StatusCode);
    }
}
