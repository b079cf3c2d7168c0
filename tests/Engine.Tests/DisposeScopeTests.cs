using static MedVid.Engine.torch;

namespace MedVid.Engine.Tests;

public class DisposeScopeTests
{
    [Fact]
    public void Scope_frees_every_temporary_created_inside()
    {
        Tensor a, b;
        using (var scope = NewDisposeScope())
        {
            a = ones([3]);
            b = (a * 2).exp();
            Assert.Equal(3, scope.DisposablesCount);
        }
        Assert.True(a.IsInvalid);
        Assert.True(b.IsInvalid);
    }

    [Fact]
    public void Results_leave_only_through_move_or_detach()
    {
        Tensor kept, detached, dropped;
        using (NewDisposeScope())
        {
            using (var inner = NewDisposeScope())
            {
                kept = ones([2]).MoveToOuterDisposeScope();
                detached = ones([2]).DetachFromDisposeScope();
                dropped = ones([2]);
                Assert.Equal(1, inner.DisposablesCount);
            }
            Assert.False(kept.IsInvalid);
            Assert.True(dropped.IsInvalid);
        }
        Assert.True(kept.IsInvalid);
        Assert.False(detached.IsInvalid);
        detached.Dispose();
    }

    [Fact]
    public void Moving_out_of_the_outermost_scope_hands_ownership_to_the_caller()
    {
        Tensor result;
        using (var scope = NewDisposeScope())
        {
            var t = zeros([1]) + 1;
            result = scope.MoveToOuter(t);
        }
        Assert.Equal(1f, result.item<float>());
        result.Dispose();
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void Explicitly_disposed_tensors_inside_a_scope_are_not_freed_twice()
    {
        using var scope = NewDisposeScope();
        var t = ones([4]);
        t.Dispose();
        Assert.Equal(0, scope.DisposablesCount);
    }
}
