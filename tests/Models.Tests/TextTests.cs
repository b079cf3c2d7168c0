using MedVid.Models.Text;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

public class TextTests
{
    private static readonly string[] Captions =
    [
        "This is an ultrasound video.",
        "This is an endoscopy video.",
        "This is an endoscopy video of the colon, with a polyp.",
        "An ultrasound of the heart: four chambers.",
    ];

    private static TransformerTextEncoder Encoder(ulong seed = 40) =>
        new(CaptionTokenizer.Build(Captions), TextEncoderConfig.Tiny, new Generator(seed));

    [Fact]
    public void Vocabulary_is_special_tokens_then_words_by_frequency()
    {
        var tokenizer = CaptionTokenizer.Build(Captions);
        Assert.Equal(["[PAD]", "[UNK]", "[BOS]", "[EOS]"], tokenizer.Tokens.Take(4));
        // "." and "an" appear 4 times, "is", "this", "video" 3, then "endoscopy", "of"… 2: ties in ordinal order.
        Assert.Equal([".", "an", "is", "this", "video", "endoscopy", "of"], tokenizer.Tokens.Skip(4).Take(7));
        Assert.Equal(tokenizer.Tokens, CaptionTokenizer.Build(Captions.Reverse()).Tokens);
    }

    [Fact]
    public void Encoding_adds_markers_pads_truncates_and_maps_unknown_words()
    {
        var tokenizer = CaptionTokenizer.Build(Captions);
        var ids = tokenizer.Encode("An MRI of the HEART", 10);
        Assert.Equal(CaptionTokenizer.BeginId, ids[0]);
        Assert.Equal(CaptionTokenizer.UnknownId, ids[2]);
        Assert.Equal(CaptionTokenizer.EndId, ids[6]);
        Assert.All(ids.Skip(7), id => Assert.Equal(CaptionTokenizer.PadId, id));
        Assert.Equal("an [UNK] of the heart", tokenizer.Decode(ids));

        var truncated = tokenizer.Encode("this is an ultrasound video of the heart", 5);
        Assert.Equal([CaptionTokenizer.BeginId, tokenizer.Encode("this", 3)[1], tokenizer.Encode("is", 3)[1], tokenizer.Encode("an", 3)[1], CaptionTokenizer.EndId], truncated);
    }

    [Fact]
    public void Numbers_are_spelled_digit_by_digit_so_unseen_values_use_known_tokens()
    {
        Assert.Equal(["echo", "at", "1", "1", "0", "bpm", ",", "0", ".", "6", "r", "/", "s"], CaptionTokenizer.Split("Echo at 110 bpm, 0.6 r/s"));
        var tokenizer = CaptionTokenizer.Build(["a heart at 66 bpm", "a heart at 110 bpm"]);
        var unseen = tokenizer.Encode("a heart at 60 bpm", 10);
        Assert.DoesNotContain(CaptionTokenizer.UnknownId, unseen);
        Assert.Equal("a heart at 6 0 bpm", tokenizer.Decode(unseen));
    }

    [Fact]
    public void Tokenizer_round_trips_through_json()
    {
        var tokenizer = CaptionTokenizer.Build(Captions);
        var path = Path.Combine(Path.GetTempPath(), $"tokenizer-{Guid.NewGuid():N}.json");
        try
        {
            tokenizer.Save(path);
            var loaded = CaptionTokenizer.Load(path);
            Assert.Equal(tokenizer.Tokens, loaded.Tokens);
            Assert.Equal(tokenizer.Encode("an endoscopy of a polyp", 12), loaded.Encode("an endoscopy of a polyp", 12));
            File.WriteAllText(path, """{"format":"other","version":1,"tokens":["[PAD]","[UNK]","[BOS]","[EOS]"]}""");
            Assert.Throws<InvalidDataException>(() => CaptionTokenizer.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Prompts_differing_in_modality_give_different_conditioning()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoder();
        using var conditioning = encoder.Encode(["This is an ultrasound video.", "This is an endoscopy video."]);
        Assert.Equal([2L, encoder.MaxLength, encoder.Dim], conditioning.Embeddings.shape);
        var a = conditioning.Embeddings[0];
        var b = conditioning.Embeddings[1];
        // Position 4 holds the modality word; attention spreads the difference to the other tokens.
        Assert.True(TestData.MaxAbsDifference(a[4], b[4]) > 1e-3);
        Assert.True(TestData.MaxAbsDifference(a[1], b[1]) > 1e-5);
        Assert.True(TestData.MaxAbsDifference(a, b) > 1e-3);
    }

    [Fact]
    public void Padding_is_masked_and_zero_and_does_not_change_real_tokens()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoder();
        using var conditioning = encoder.Encode(["this is an endoscopy video.", ""]);
        var mask = conditioning.Mask.data<bool>().ToArray();
        var length = encoder.MaxLength;
        // [BOS] this is an endoscopy video . [EOS]
        Assert.Equal(Enumerable.Range(0, length).Select(i => i < 8), mask.Take(length));
        Assert.Equal(Enumerable.Range(0, length).Select(i => i < 2), mask.Skip(length));
        Assert.All(conditioning.Embeddings[0].slice(0, 8, length, 1).data<float>().ToArray(), v => Assert.Equal(0f, v));

        // A real token's embedding depends only on real tokens: shortening the padded tail is invisible.
        var (ids, shortMask) = encoder.Tokenizer.EncodeBatch(["this is an endoscopy video."], 10);
        var shorter = encoder.forward(ids, shortMask);
        Assert.True(shorter[0].slice(0, 0, 8, 1).allclose(conditioning.Embeddings[0].slice(0, 0, 8, 1), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Empty_prompt_conditioning_is_the_encoded_empty_caption()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoder();
        using var empty = encoder.EncodeEmpty(3);
        using var direct = encoder.Encode(["", "", ""]);
        Assert.Equal([3L, encoder.MaxLength, encoder.Dim], empty.Embeddings.shape);
        Assert.True(empty.Embeddings.allclose(direct.Embeddings, rtol: 0, atol: 0));
        Assert.Equal(6, empty.Mask.data<bool>().ToArray().Count(v => v));
    }

    [Fact]
    public void Encoder_trains_jointly_and_can_be_frozen()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoder();
        var trainable = encoder.Encode(["an ultrasound"]);
        trainable.Embeddings.square().sum().backward();
        Assert.All(encoder.parameters(), p => Assert.NotNull(p.grad));

        encoder.Freeze();
        Assert.True(encoder.IsFrozen);
        var frozen = encoder.Encode(["an ultrasound"]);
        Assert.False(frozen.Embeddings.requires_grad);
        encoder.Unfreeze();
        Assert.True(encoder.Encode(["an ultrasound"]).Embeddings.requires_grad);
    }
}
