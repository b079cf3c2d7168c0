using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>
/// TorchSharp's AdamW with its update written so that every Scalar lives until libtorch has used it. The library's own
/// step turns doubles into temporary Scalars (<c>param.mul_(1 - lr * weight_decay)</c>) and passes only their native
/// handles on; a garbage collection during the native call may finalize such a Scalar and free the handle while libtorch
/// reads it. A 30-minute phantom bench died of it ("Unknown scalar type" in <c>mul_</c> at VAE step 980; the upstream fix,
/// TorchSharp PR #1434, is not released). The arithmetic is the library's, operation for operation, and the state is
/// the library's <see cref="AdamW.State"/>, so results, checkpoints (<see cref="AdamWState"/>) and resumption are
/// unchanged. AMSGrad and maximize are not supported: MedVid uses neither.
/// </summary>
public sealed class ScalarSafeAdamW(IEnumerable<Parameter> parameters, double lr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
    double weightDecay = 0) : AdamW(parameters, lr, beta1, beta2, eps, weightDecay)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        var (beta1, beta2, eps, lr) = (options.beta1!.Value, options.beta2!.Value, options.eps!.Value, options.LearningRate!.Value);
        using var decay = (1 - lr * options.weight_decay!.Value).ToScalar();
        using var momentum = beta1.ToScalar();
        using var momentumRest = (1 - beta1).ToScalar();
        using var variance = beta2.ToScalar();
        using var varianceRest = (1 - beta2).ToScalar();
        using var epsilon = eps.ToScalar();
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            state.step += 1;
            param.mul_(decay);
            var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(momentum).add_(grad, alpha: momentumRest);
            state.exp_avg_sq.mul_(variance).addcmul_(grad, grad, value: varianceRest);
            using var correction = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (-(lr / biasCorrection1)).ToScalar();
            using var root = state.exp_avg_sq.sqrt();
            using var denominator = root.div(correction).add_(epsilon);
            param.addcdiv_(state.exp_avg, denominator, value: stepSize);
        }
    }, closure);
}
