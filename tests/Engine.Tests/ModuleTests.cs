using MedVid.Engine.Modules;
using static MedVid.Engine.torch;

namespace MedVid.Engine.Tests;

public class ModuleTests
{
    private sealed class Block : nn.Module<Tensor, Tensor>
    {
        private readonly Linear proj;
        private readonly LayerNorm norm;
        private readonly Tensor scale;

        public Block(long width) : base(nameof(Block))
        {
            proj = new Linear(width, width);
            norm = new LayerNorm(width);
            scale = full([1], 2.0);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            return (proj.forward(norm.forward(input)) * scale).MoveToOuterDisposeScope();
        }
    }

    private sealed class Net : nn.Module<Tensor, Tensor>
    {
        public Net() : base(nameof(Net))
        {
            blocks = new ModuleList<Block>(new Block(4), new Block(4));
            head = new Sequential(new Linear(4, 8), new GELU(), new Dropout(0.5), new Linear(8, 1));
            register_module(nameof(blocks), blocks);
            register_module(nameof(head), head);
        }

        public ModuleList<Block> blocks { get; }

        public Sequential head { get; }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var x = input;
            foreach (var b in blocks) x = b.forward(x);
            return head.forward(x).MoveToOuterDisposeScope();
        }
    }

    [Fact]
    public void Parameters_buffers_and_submodules_have_dotted_names()
    {
        using var net = new Net();
        var names = net.named_parameters().Select(p => p.name).ToArray();
        Assert.Equal(
            ["blocks.0.proj.weight", "blocks.0.proj.bias", "blocks.0.norm.weight", "blocks.0.norm.bias",
             "blocks.1.proj.weight", "blocks.1.proj.bias", "blocks.1.norm.weight", "blocks.1.norm.bias",
             "head.0.weight", "head.0.bias", "head.3.weight", "head.3.bias"], names);
        Assert.Equal(["blocks.0.scale", "blocks.1.scale"], net.named_buffers().Select(b => b.name).ToArray());
        Assert.Equal(14, net.state_dict().Count);
        Assert.Equal(4 * 4 + 4 + 4 + 4, net.blocks[0].parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void State_dict_round_trip_reproduces_outputs()
    {
        using var scope = NewDisposeScope();
        using var a = new Net();
        using var b = new Net();
        a.eval();
        b.eval();
        var x = randn([3, 4]);
        Assert.False(a.forward(x).allclose(b.forward(x)));
        b.load_state_dict(a.state_dict());
        Assert.True(a.forward(x).allclose(b.forward(x)));
        var partial = a.state_dict().Where(kv => kv.Key != "head.3.bias").ToDictionary();
        Assert.Throws<ArgumentException>(() => b.load_state_dict(partial));
        var (missing, _) = b.load_state_dict(partial, strict: false);
        Assert.Equal(["head.3.bias"], missing);
    }

    [Fact]
    public void Train_eval_switches_dropout_and_freezing_stops_gradients()
    {
        using var scope = NewDisposeScope();
        using var net = new Net();
        var x = randn([64, 4]);
        net.eval();
        Assert.False(net.training);
        Assert.False(net.head.training);
        Assert.True(net.forward(x).allclose(net.forward(x)));
        net.train();
        Assert.False(net.forward(x).allclose(net.forward(x)));

        net.blocks.requires_grad_(false);
        net.forward(x).sum().backward();
        Assert.All(net.blocks.parameters(), p => Assert.Null(p.grad));
        Assert.All(net.head.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Replace_parameter_fills_and_empties_a_registered_slot()
    {
        using var linear = new Linear(3, 2, hasBias: false);
        Assert.Equal(["weight"], linear.named_parameters().Select(p => p.name));

        var bias = new nn.Parameter(ones([2]));
        Assert.Null(linear.replace_parameter("bias", bias));
        Assert.Equal(["weight", "bias"], linear.named_parameters().Select(p => p.name));
        Assert.Same(bias, linear.state_dict()["bias"]);

        using var removed = linear.replace_parameter("bias", null);
        Assert.Same(bias, removed);
        Assert.Equal(["weight"], linear.state_dict().Keys);
        Assert.Throws<ArgumentException>(() => linear.replace_parameter("scale", null));
    }

    [Fact]
    public void Linear_and_convolution_modules_use_their_parameters()
    {
        using var scope = NewDisposeScope();
        using var linear = new Linear(3, 2);
        var x = randn([5, 3]);
        Assert.True(linear.forward(x).allclose(x.matmul(linear.weight.mT) + linear.bias!));
        var bound = 1 / Math.Sqrt(3);
        Assert.True(linear.weight.abs().max().item<float>() <= bound);

        using var conv2 = new Conv2d(2, 4, 3, padding: 1);
        Expect.Shape([1, 4, 6, 6], conv2.forward(randn([1, 2, 6, 6])));
        using var conv3 = new Conv3d(2, 4, [1, 3, 3], [1, 2, 2], [0, 1, 1]);
        Expect.Shape([1, 4, 5, 3, 3], conv3.forward(randn([1, 2, 5, 6, 6])));
        using var gn = new GroupNorm(2, 4);
        Expect.Shape([1, 4, 6, 6], gn.forward(conv2.forward(randn([1, 2, 6, 6]))));
        using var emb = new Embedding(10, 3);
        Expect.Shape([2, 3], emb.forward(tensor([1L, 9L])));
    }

    [Fact]
    public void Module_to_converts_parameters_in_place()
    {
        using var scope = NewDisposeScope();
        using var linear = new Linear(3, 2);
        var w = linear.weight;
        linear.to(float64);
        Assert.Same(w, linear.weight);
        Assert.Equal(ScalarType.Float64, linear.weight.dtype);
        Assert.True(linear.weight.requires_grad);
        Assert.True(linear.weight.is_leaf);
        Expect.Shape([1, 2], linear.forward(randn([1, 3], float64)));
    }
}
