namespace MedVid.ControlPlane;

/// <summary>Configuration section "ControlPlane".</summary>
public sealed class ControlPlaneOptions
{
    public const string Section = "ControlPlane";

    /// <summary>Largest accepted video upload, in bytes (default 2 GiB).</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Also run a compute host inside this process (the embedded mode).</summary>
    public bool EmbeddedComputeHost { get; set; }

    /// <summary>When set and no user exists yet, this admin is created at start-up with a team of the same name.</summary>
    public BootstrapAdmin? Bootstrap { get; set; }
}

public sealed class BootstrapAdmin
{
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public string Team { get; set; } = "";
}
