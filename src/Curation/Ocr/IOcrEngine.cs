using MedVid.Video;
using MedVid.Curation.Imaging;

namespace MedVid.Curation.Ocr;

/// <summary>Reads the words in an image.</summary>
public interface IOcrEngine
{
    Task<IReadOnlyList<OcrWord>> RecognizeAsync(GrayImage image, CancellationToken cancellationToken = default);
}
