using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>Pages go out compressed, and the one secret in their bodies never repeats between responses (BREACH, ADR 0012).</summary>
[Collection(WebCollection.Name)]
public sealed partial class ResponseCompressionTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_page_is_sent_with_brotli_to_a_browser_that_accepts_it_and_reads_back_the_same()
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var plain = await (await browser.GetAsync("/cases/new")).Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/cases/new", UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        await using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        var html = await reader.ReadToEndAsync();
        Assert.Contains("id=\"log-form\"", html, StringComparison.Ordinal);
        Assert.True(compressed.Length * 3 < Encoding.UTF8.GetByteCount(plain), $"{compressed.Length} bytes compressed, {Encoding.UTF8.GetByteCount(plain)} plain");
    }

    [Fact]
    public async Task The_antiforgery_token_in_a_page_differs_on_every_response_so_compression_leaks_nothing_to_guess()
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var tokens = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            var html = await (await browser.GetAsync("/cases/new")).Content.ReadAsStringAsync();
            tokens.Add(Token().Match(html).Groups[1].Value);
        }

        Assert.DoesNotContain("", tokens);
        Assert.Equal(5, tokens.Count);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
