using MedVid.Engine.Optimizers;

namespace MedVid.Engine;

public static partial class torch
{
    /// <summary>Optimizer factories named as in TorchSharp (torch.optim.AdamW(...)).</summary>
    public static partial class optim
    {
        public static Optimizers.AdamW AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0.01, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);

        public static Optimizers.SGD SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov);
    }
}
