using MedVid.Engine.Modules;
using MedVid.Engine.Optimizers;
using static MedVid.Engine.torch;

namespace MedVid.Engine.Tests;

public class TrainingTests
{
    private static Sequential Mlp() => new(new Linear(2, 32), new Tanh(), new Linear(32, 1));

    /// <summary>Target y = sin(x0) + x1² on [-1, 1]².</summary>
    private static (Tensor x, Tensor y) Data(Generator g)
    {
        var x = rand([256, 2], generator: g) * 2 - 1;
        var y = (x.select(1, 0).sin() + x.select(1, 1).square()).unsqueeze(1);
        return (x, y);
    }

    private static double Train(Sequential net, Optimizer opt, Tensor x, Tensor y, int steps, LRScheduler? schedule = null)
    {
        double loss = 0;
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var l = nn.functional.mse_loss(net.forward(x), y);
            l.backward();
            opt.step();
            schedule?.step();
            loss = l.item<double>();
        }
        return loss;
    }

    [Fact]
    public void Small_network_learns_a_regression_with_AdamW()
    {
        manual_seed(11);
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var (x, y) = Data(g);
        using var net = Mlp();
        using var opt = optim.AdamW(net.parameters(), lr: 0.01, weight_decay: 0);
        var initial = nn.functional.mse_loss(net.forward(x), y).item<double>();
        var final = Train(net, opt, x, y, 600);
        Assert.True(final < 2e-3, $"loss {final} (initial {initial})");
        Assert.True(final < initial / 50);
    }

    [Fact]
    public void SGD_with_momentum_reduces_the_loss()
    {
        manual_seed(12);
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var (x, y) = Data(g);
        using var net = Mlp();
        using var opt = optim.SGD(net.parameters(), lr: 0.1, momentum: 0.9);
        var initial = nn.functional.mse_loss(net.forward(x), y).item<double>();
        var final = Train(net, opt, x, y, 300);
        Assert.True(final < initial / 10, $"loss {final} (initial {initial})");
        Assert.Equal(4, opt.state_dict().Count);
    }

    [Fact]
    public void AdamW_state_export_and_import_continues_identically()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        var (x, y) = Data(g);
        manual_seed(13);
        using var a = Mlp();
        using var b = Mlp();
        b.load_state_dict(a.state_dict());
        using var optA = optim.AdamW(a.parameters(), lr: 0.01);
        Train(a, optA, x, y, 5);

        var state = optA.state_dict();
        Assert.Equal(3 * 4, state.Count);
        Assert.Equal(5L, state["0.step"].item<long>());
        Expect.Shape([32, 2], state["0.exp_avg_sq"]);

        // Fresh model + optimizer restored from the exported state must follow the same path.
        b.load_state_dict(a.state_dict());
        using var optB = optim.AdamW(b.parameters(), lr: 0.01);
        optB.load_state_dict(state);
        Train(a, optA, x, y, 3);
        Train(b, optB, x, y, 3);
        foreach (var ((_, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(pa.allclose(pb, 1e-6, 1e-7));
        Assert.Equal(8L, optB.state_dict()["0.step"].item<long>());
    }

    [Fact]
    public void Clip_grad_norm_scales_gradients_to_the_bound()
    {
        using var scope = NewDisposeScope();
        var p = tensor([3f, 4f]).requires_grad_();
        (p * p).sum().backward(); // grad = (6, 8), norm 10
        var norm = nn.utils.clip_grad_norm_([p], 1.0);
        Assert.Equal(10, norm, 4);
        Expect.Values([0.6f, 0.8f], p.grad!, 1e-4);
    }

    [Fact]
    public void Learning_rate_schedules_follow_their_formulas()
    {
        using var scope = NewDisposeScope();
        var p = ones([1]).requires_grad_();
        using var opt = optim.SGD([p], lr: 1.0);
        var warmup = optim.lr_scheduler.LinearWarmup(opt, 4);
        Assert.Equal(0.25, opt.LearningRate, 10);
        for (var i = 0; i < 3; i++) warmup.step();
        Assert.Equal(1.0, opt.LearningRate, 10);

        var cosine = optim.lr_scheduler.Cosine(opt, totalSteps: 12, warmupSteps: 2, minFactor: 0.1);
        cosine.Restore(7); // halfway through the decay
        Assert.Equal(0.1 + 0.9 * 0.5, opt.LearningRate, 10);
        cosine.Restore(12);
        Assert.Equal(0.1, opt.LearningRate, 10);
        // Constant keeps the rate it finds.
        optim.lr_scheduler.Constant(opt).step();
        Assert.Equal(0.1, opt.LearningRate, 10);
    }

    [Fact]
    public void Ema_tracks_parameters_and_saves_its_step_counter()
    {
        using var scope = NewDisposeScope();
        using var net = new Linear(1, 1, hasBias: false);
        using (no_grad()) net.weight.fill_(0);
        using var ema = new ExponentialMovingAverage(net, decay: 0.5, warmup: false);
        using (no_grad()) net.weight.fill_(1);
        ema.step();
        ema.step();
        Assert.Equal(0.75f, ema.Shadows["weight"].item<float>(), 6);
        var state = ema.state_dict();
        Assert.Equal(2L, state["step"].item<long>());

        using var other = new ExponentialMovingAverage(net, decay: 0.5);
        other.load_state_dict(state);
        Assert.Equal(2L, other.StepCount);
        Assert.Equal(Math.Min(0.5, 3.0 / 12), other.CurrentDecay, 10);
        other.CopyTo(net);
        Assert.Equal(0.75f, net.weight.item<float>(), 6);
    }

    [Fact]
    public void Ema_over_a_subset_of_parameters_leaves_the_others_alone()
    {
        using var scope = NewDisposeScope();
        using var net = new Linear(1, 1);
        using (no_grad()) { net.weight.fill_(0); net.bias!.fill_(5); }
        using var ema = new ExponentialMovingAverage([("weight", net.weight)], decay: 0.5, warmup: false);
        using (no_grad()) { net.weight.fill_(1); net.bias.fill_(7); }
        ema.step();
        Assert.Equal(["weight"], ema.Shadows.Keys);
        Assert.Equal(["step", "weight"], ema.state_dict().Keys.Order());
        ema.CopyTo(net);
        Assert.Equal(0.5f, net.weight.item<float>(), 6);
        Assert.Equal(7f, net.bias.item<float>(), 6);
    }
}
