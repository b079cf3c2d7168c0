namespace MedVid.Phantoms;

/// <summary>Bora's four biomedical video modalities.</summary>
public enum Modality
{
    Endoscopy,
    Ultrasound,
    RtMri,
    Cells,
}

public static class ModalityNames
{
    /// <summary>The word Bora puts in its modal-alignment caption "This is a {modality} video.".</summary>
    public static string BoraName(this Modality modality) => modality switch
    {
        Modality.Endoscopy => "endoscopy",
        Modality.Ultrasound => "ultrasound",
        Modality.RtMri => "RT-MRI",
        Modality.Cells => "cell",
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, null),
    };

    /// <summary>
    /// Bora's stage-one caption, kept word for word (including its fixed article "a") so that
    /// models trained here see the same conditioning text as the paper's modal-alignment stage.
    /// </summary>
    public static string BoraCaption(this Modality modality) => $"This is a {modality.BoraName()} video.";
}
