using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ServiceRecovery.Web.Infrastructure.Security;

/// <summary>
/// The certificate that encrypts the data-protection key ring at rest ("DataProtection:CertificatePath" to a PFX,
/// "DataProtection:CertificatePassword"). Whoever reads the key ring from the database could otherwise forge any
/// session cookie. With "DataProtection:CreateCertificateIfMissing" (./run.sh, Docker Compose) the app makes a
/// self-signed one at that path the first time, readable by its own user only.
/// </summary>
public sealed class KeyRingCertificate
{
    public const string Section = "DataProtection";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public bool CreateCertificateIfMissing { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>The certificate, made first if asked to and missing; null when none is configured.</summary>
    public X509Certificate2? Load()
    {
        if (!IsConfigured)
        {
            return null;
        }

        var path = Path.GetFullPath(CertificatePath!);
        if (!File.Exists(path))
        {
            if (!CreateCertificateIfMissing)
            {
                throw new InvalidOperationException($"DataProtection:CertificatePath {path} does not exist (see README, Security).");
            }

            Create(path, CertificatePassword);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static void Create(string path, string? password)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=ServiceRecovery key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(20));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = certificate.Export(X509ContentType.Pkcs12, password);
        // Written aside, then moved into place: another process starting at the same moment either makes its own
        // (and loses the race, keeping the winner's) or reads a whole file, never half of one.
        var aside = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(aside, options))
        {
            file.Write(bytes);
        }

        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(aside);
        }
    }
}
