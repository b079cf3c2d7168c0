using MedVid.Curation.Imaging;
using MedVid.Curation.Ocr;
using MedVid.Curation.Stages;

namespace MedVid.Curation.Tests;

public sealed class TextOverlayTests
{
    private static readonly string[] Subtitles =
    [
        "PATIENT NAME HIDDEN",
        "RECORDED FOR THIS DEMO",
        "AT CITY GENERAL HOSPITAL",
    ];

    private static CandidateClip Clip(RgbFrame frame, int count = 5) =>
        CandidateClip.FromFrames("s/0", new CurationSource("s", "endoscopy", 1280, 720), 25, Enumerable.Repeat(frame, count).ToList());

    [Fact]
    public async Task Tesseract_reads_rendered_words()
    {
        var frame = TextFrames.Render(640, 360, Subtitles);

        var words = await new TesseractOcrEngine().RecognizeAsync(GrayImage.FromRgb(frame));

        var texts = words.Where(w => w.Confidence >= 60).Select(w => w.Text).ToList();
        Assert.Contains("HOSPITAL", texts);
        Assert.Contains("PATIENT", texts);
        Assert.True(texts.Count >= 10, string.Join(" ", texts));
    }

    [Fact]
    public async Task Clip_with_more_than_20_words_on_five_frames_is_dropped()
    {
        var frame = TextFrames.Render(640, 360, Subtitles);
        var filter = new TextOverlayFilter(new TextOverlayConfig());

        var decision = await filter.EvaluateAsync(Clip(frame));

        Assert.False(decision.Kept);
        Assert.Equal("more than 20 words of overlaid text", decision.Reason);
        Assert.True(decision.Metrics["text.words"] > 20);
        Assert.Equal(5, decision.Metrics["text.ocrFrames"]);
    }

    [Fact]
    public async Task A_short_watermark_stays_under_the_limit()
    {
        var frame = TextFrames.Render(640, 360, ["SAMPLE WATERMARK"]);
        var counting = new CountingOcr(new TesseractOcrEngine());

        var decision = await new TextOverlayFilter(new TextOverlayConfig(), counting).EvaluateAsync(Clip(frame));

        Assert.True(decision.Kept, decision.Reason);
        Assert.True(counting.Calls == 5, "OCR calls " + counting.Calls + ", edge density " + decision.Metrics["text.maxEdgeDensity"]);
        Assert.InRange(decision.Metrics["text.words"], 1, 20);
        Assert.True(decision.Metrics["text.maxEdgeDensity"] > 0, "edge density " + decision.Metrics["text.maxEdgeDensity"]);
    }

    [Fact]
    public async Task Edge_density_precheck_skips_ocr_on_a_plain_frame()
    {
        var counting = new CountingOcr(new TesseractOcrEngine());
        var plain = SyntheticFrames.Texture(640, 360, 0.05);

        var decision = await new TextOverlayFilter(new TextOverlayConfig(), counting).EvaluateAsync(Clip(plain));

        Assert.True(decision.Kept);
        Assert.Equal(0, counting.Calls);
        Assert.Equal(5, decision.Metrics["text.skippedFrames"]);
        Assert.True(QualityMetrics.EdgeDensity(GrayImage.FromRgb(TextFrames.Render(640, 360, Subtitles)), 200) > 0.01);
    }

    [Fact]
    public async Task Missing_tesseract_gives_an_actionable_error()
    {
        var engine = new TesseractOcrEngine("/nonexistent/tesseract");
        var error = await Assert.ThrowsAsync<OcrUnavailableException>(() => engine.RecognizeAsync(new GrayImage(8, 8)));
        Assert.Contains("curation-deps.sh", error.Message);
    }

    [Fact]
    public void Tsv_parser_reads_word_rows_only()
    {
        const string tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
                           "1\t1\t0\t0\t0\t0\t0\t0\t640\t360\t-1\t\n" +
                           "5\t1\t1\t1\t1\t1\t24\t30\t120\t28\t95.5\tPATIENT\n" +
                           "5\t1\t1\t1\t1\t2\t150\t30\t80\t28\t12.0\t~\n";
        var words = TesseractOcrEngine.ParseTsv(tsv);
        Assert.Equal(2, words.Count);
        Assert.Equal(new OcrWord("PATIENT", 95.5, 24, 30, 120, 28), words[0]);
    }

    private sealed class CountingOcr(IOcrEngine inner) : IOcrEngine
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<OcrWord>> RecognizeAsync(GrayImage image, CancellationToken cancellationToken = default)
        {
            Calls++;
            return inner.RecognizeAsync(image, cancellationToken);
        }
    }
}
