using static MedVid.Engine.torch;

namespace MedVid.Engine.Tests;

public class ShapeOpsTests
{
    private static Tensor Range6() => arange(6, float32).reshape(2, 3);

    [Fact]
    public void Reshape_view_permute_transpose_flatten()
    {
        using var scope = NewDisposeScope();
        var x = Range6();
        Expect.Values([0, 3, 1, 4, 2, 5], x.transpose(0, 1).contiguous());
        Expect.Values([0, 3, 1, 4, 2, 5], x.permute(1, 0).contiguous());
        Expect.Shape([3, 2], x.view(3, 2));
        Expect.Shape([6], x.flatten());
        Expect.Shape([1, 2, 3], x.unsqueeze(0));
        Expect.Shape([2, 3], x.unsqueeze(0).squeeze(0));
        Assert.False(x.transpose(0, 1).is_contiguous());
        Assert.Throws<TorchException>(() => x.transpose(0, 1).view(6));
    }

    [Fact]
    public void Slice_select_index_and_views_share_storage()
    {
        using var scope = NewDisposeScope();
        var x = Range6();
        Expect.Values([1, 2, 4, 5], x.slice(1, 1, 3));
        Expect.Values([3, 4, 5], x[1]);
        Expect.Values([0, 3], x.select(1, 0));
        Expect.Values([2, 0, 5, 3], x.index_select(1, tensor([2L, 0L])));
        Expect.Values([1, 3], x.gather(1, tensor([1L, 0L], [2, 1])));
        x[0].fill_(9);
        Expect.Values([9, 9, 9, 3, 4, 5], x);
    }

    [Fact]
    public void Cat_stack_chunk_split_repeat_expand()
    {
        using var scope = NewDisposeScope();
        var x = Range6();
        Expect.Shape([4, 3], cat([x, x], 0));
        Expect.Values([0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5], cat([x, x], 1));
        Expect.Shape([2, 2, 3], stack([x, x]));
        var chunks = x.chunk(3, 1);
        Assert.Equal(3, chunks.Length);
        Expect.Values([1, 4], chunks[1]);
        var pieces = x.split([1L, 2L], 1);
        Expect.Values([1, 2, 4, 5], pieces[1]);
        Assert.Equal(2, arange(5, float32).split(3).Length);
        Expect.Values([0, 1, 0, 1], arange(2, float32).repeat(2));
        Expect.Values([0, 1, 0, 1], arange(2, float32).expand(2, 2).contiguous());
        Expect.Values([0, 1, 0, 3, 4, 0], x.tril(1).masked_fill(x.eq(5), 0));
    }
}
