using MedVid.Engine.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

public class TrainingTests
{
    private static Sequential Mlp() => nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 1));

    /// <summary>Target y = sin(x0) + x1² on [-1, 1]².</summary>
    private static (Tensor x, Tensor y) Data(Generator g)
    {
        var x = rand([256, 2], generator: g) * 2 - 1;
        var y = (x.select(1, 0).sin() + x.select(1, 1).square()).unsqueeze(1);
        return (x, y);
    }

    private static double Train(Sequential net, optim.Optimizer opt, Tensor x, Tensor y, int steps, LRScheduler? schedule = null)
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
            loss = l.item<float>();
        }
        return loss;
    }

    [Fact]
    public void AdamW_state_export_and_import_continues_bit_identically()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(4);
        var (x, y) = Data(g);
        manual_seed(13);
        using var a = Mlp();
        using var b = Mlp();
        b.load_state_dict(a.state_dict());
        using var optA = optim.AdamW(a.parameters(), lr: 0.01, weight_decay: 0.01);
        Train(a, optA, x, y, 5);

        var state = AdamWState.Export(optA);
        Assert.Equal(3 * 4, state.Count);
        Assert.Equal(5L, state["0.step"].item<long>());
        Expect.Shape([32, 2], state["0.exp_avg_sq"]);

        // Fresh model + optimizer restored from the exported state must follow the same path.
        b.load_state_dict(a.state_dict());
        using var optB = optim.AdamW(b.parameters(), lr: 0.01, weight_decay: 0.01);
        AdamWState.Import(optB, state);
        Train(a, optA, x, y, 3);
        Train(b, optB, x, y, 3);
        foreach (var ((_, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(pa.allclose(pb, 0, 0));
        Assert.Equal(8L, AdamWState.Export(optB)["0.step"].item<long>());
    }

    [Fact]
    public void AdamW_state_leaves_out_parameters_that_never_stepped_and_rejects_partial_entries()
    {
        using var scope = NewDisposeScope();
        var used = nn.Parameter(ones(2));
        var unused = nn.Parameter(ones(2));
        using var opt = optim.AdamW([used, unused], lr: 0.1);
        used.sum().backward();
        opt.step();
        Assert.Equal(["0.exp_avg", "0.exp_avg_sq", "0.step"], AdamWState.Export(opt).Keys.Order());
        Assert.Throws<ArgumentException>(() => AdamWState.Import(opt, new Dictionary<string, Tensor> { ["1.exp_avg"] = zeros(2) }));
    }

    [Fact]
    public void Learning_rate_schedules_follow_their_formulas()
    {
        using var scope = NewDisposeScope();
        var p = nn.Parameter(ones(1));
        using var opt = optim.SGD([p], 1.0);
        var warmup = LRSchedules.LinearWarmup(opt, 4);
        Assert.Equal(0.25, opt.LearningRate(), 10);
        for (var i = 0; i < 3; i++) warmup.step();
        Assert.Equal(1.0, opt.LearningRate(), 10);

        var cosine = LRSchedules.Cosine(opt, totalSteps: 12, warmupSteps: 2, minFactor: 0.1);
        cosine.Restore(7); // halfway through the decay
        Assert.Equal(0.1 + 0.9 * 0.5, opt.LearningRate(), 10);
        cosine.Restore(12);
        Assert.Equal(0.1, opt.LearningRate(), 10);
        // Constant keeps the rate it finds.
        LRSchedules.Constant(opt).step();
        Assert.Equal(0.1, opt.LearningRate(), 10);
    }

    [Fact]
    public void Ema_tracks_parameters_and_saves_its_step_counter()
    {
        using var scope = NewDisposeScope();
        using var net = nn.Linear(1, 1, hasBias: false);
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
        using var net = nn.Linear(1, 1);
        using (no_grad()) { net.weight.fill_(0); net.bias!.fill_(5); }
        using var ema = new ExponentialMovingAverage([("weight", (Tensor)net.weight)], decay: 0.5, warmup: false);
        using (no_grad()) { net.weight.fill_(1); net.bias.fill_(7); }
        ema.step();
        Assert.Equal(["weight"], ema.Shadows.Keys);
        Assert.Equal(["step", "weight"], ema.state_dict().Keys.Order());
        ema.CopyTo(net);
        Assert.Equal(0.5f, net.weight.item<float>(), 6);
        Assert.Equal(7f, net.bias.item<float>(), 6);
    }
}
