using MedVid.Video;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using MedVid.Curation.Config;
using MedVid.Curation.Imaging;

namespace MedVid.Curation.Ocr;

/// <summary>OCR with the tesseract command-line tool (Debian's tesseract-ocr): the image is written
/// as PGM to a private temp folder and tesseract's TSV output gives every word with a confidence.
/// Frames smaller than <c>minShortSide</c> are enlarged first: tesseract reads glyphs of about
/// 20 px height reliably, and subtitles on an analysis-size frame are smaller.</summary>
public sealed class TesseractOcrEngine(string executable = "tesseract", string language = "eng", int minShortSide = 480) : IOcrEngine
{
    public static TesseractOcrEngine FromConfig(TextOverlayConfig config) => new(config.TesseractPath, config.Language, config.OcrMinShortSide);

    private const string InstallHint = "Install it with infra/install/curation-deps.sh (Debian packages tesseract-ocr and tesseract-ocr-eng).";

    public async Task<IReadOnlyList<OcrWord>> RecognizeAsync(GrayImage image, CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateTempSubdirectory("medvid-ocr-");
        try
        {
            var input = Path.Combine(folder.FullName, "frame.pgm");
            await File.WriteAllBytesAsync(input, ImageFiles.ToPgm(Enlarge(image)), cancellationToken);
            var tsv = await RunAsync(input, cancellationToken);
            return ParseTsv(tsv);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private GrayImage Enlarge(GrayImage image)
    {
        int shortSide = Math.Min(image.Width, image.Height);
        if (shortSide >= minShortSide) return image;
        double scale = (double)minShortSide / shortSide;
        return image.Resize((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale));
    }

    private async Task<string> RunAsync(string input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // "--psm 11" (sparse text) finds scattered overlays such as watermarks and corner stamps,
        // which the default page segmentation would treat as noise around a missing text block.
        foreach (var argument in new[] { input, "stdout", "-l", language, "--psm", "11", "tsv" }) start.ArgumentList.Add(argument);
        start.Environment["OMP_THREAD_LIMIT"] = "1"; // tesseract's OpenMP threads only slow many small images down

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new OcrUnavailableException($"Could not start '{executable}'. {InstallHint}");
        }
        catch (Win32Exception e)
        {
            throw new OcrUnavailableException($"The OCR engine '{executable}' was not found or cannot run: {e.Message}. {InstallHint}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (process.ExitCode != 0)
            {
                var error = (await stderr).Trim();
                throw new OcrUnavailableException($"tesseract exited with code {process.ExitCode}: {error}. " +
                    (error.Contains("traineddata", StringComparison.OrdinalIgnoreCase) ? InstallHint : ""));
            }
            return await stdout;
        }
    }

    /// <summary>Word rows of tesseract's TSV: level 5, with columns left, top, width, height, conf, text.</summary>
    internal static IReadOnlyList<OcrWord> ParseTsv(string tsv)
    {
        var words = new List<OcrWord>();
        foreach (var line in tsv.Split('\n'))
        {
            var cells = line.TrimEnd('\r').Split('\t');
            if (cells.Length < 12 || cells[0] != "5") continue;
            var text = cells[11].Trim();
            if (text.Length == 0) continue;
            if (!double.TryParse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence)) continue;
            words.Add(new OcrWord(text, confidence,
                int.Parse(cells[6], CultureInfo.InvariantCulture), int.Parse(cells[7], CultureInfo.InvariantCulture),
                int.Parse(cells[8], CultureInfo.InvariantCulture), int.Parse(cells[9], CultureInfo.InvariantCulture)));
        }
        return words;
    }
}
