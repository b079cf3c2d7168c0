namespace MedVid.ControlPlane.Hosting;

/// <summary>Configuration section "ControlPlane".</summary>
public sealed class ControlPlaneOptions
{
    public const string Section = "ControlPlane";

    /// <summary>A host silent for longer than this is marked lost and its work is queued again.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>An assignment a host has not acknowledged for this long is sent again.</summary>
    public TimeSpan UnacknowledgedAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often hosts are checked.</summary>
    public TimeSpan HostCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

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
