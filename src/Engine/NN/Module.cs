using System.Reflection;
using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// A building block with named parameters, buffers and submodules, as torch.nn.Module.
        /// Names are dotted paths ("blocks.0.attn.weight"); registration order is kept, so
        /// parameter lists are stable (optimizer state indices rely on it).
        /// </summary>
        public abstract class Module : IDisposable
        {
            private readonly List<KeyValuePair<string, Parameter?>> ownParameters = [];
            private readonly List<(string Name, Tensor? Tensor, bool Persistent)> ownBuffers = [];
            private readonly List<KeyValuePair<string, Module>> ownModules = [];
            private bool disposed;

            protected Module(string name) => this.name = name;

            public string name { get; }

            public bool training { get; private set; } = true;

            public void register_parameter(string name, Parameter? parameter)
            {
                CheckNewName(name);
                ownParameters.Add(new(name, parameter));
            }

            /// <summary>
            /// Puts <paramref name="parameter"/> (or null) into an already registered parameter slot
            /// and returns the previous one, which the caller now owns. This is what PyTorch does
            /// with <c>module._parameters[name] = p</c>: adapters (LoRA) add and later drop their
            /// weights without rebuilding the module, and registration order (optimizer state
            /// indices) is kept.
            /// </summary>
            public Parameter? replace_parameter(string name, Parameter? parameter)
            {
                var index = ownParameters.FindIndex(p => p.Key == name);
                if (index < 0) throw new ArgumentException($"'{name}' is not a parameter slot of {this.name}");
                var old = ownParameters[index].Value;
                ownParameters[index] = new(name, parameter);
                return old;
            }

            /// <summary>Registers a buffer; the module takes ownership. Non-persistent buffers stay out of state_dict.</summary>
            public void register_buffer(string name, Tensor? tensor, bool persistent = true)
            {
                CheckNewName(name);
                tensor?.DetachFromDisposeScope();
                ownBuffers.Add((name, tensor, persistent));
            }

            public void register_module(string name, Module module)
            {
                CheckNewName(name);
                ownModules.Add(new(name, module));
            }

            /// <summary>
            /// Registers fields of this object, as TorchSharp does: Parameter fields as parameters,
            /// Module fields as submodules, other Tensor fields as buffers. Field names become the
            /// registered names (a leading underscore is dropped).
            /// </summary>
            protected void RegisterComponents()
            {
                for (var type = GetType(); type is not null && type != typeof(Module); type = type.BaseType)
                {
                    foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        var fieldName = field.Name.TrimStart('_');
                        if (fieldName.Contains('<')) continue; // compiler-generated backing fields
                        var value = field.GetValue(this);
                        if (Registered(fieldName)) continue;
                        switch (value)
                        {
                            case Parameter p: register_parameter(fieldName, p); break;
                            case Module m: register_module(fieldName, m); break;
                            case Tensor t: register_buffer(fieldName, t); break;
                        }
                    }
                }
            }

            private bool Registered(string n) =>
                ownParameters.Any(p => p.Key == n) || ownBuffers.Any(b => b.Name == n) || ownModules.Any(m => m.Key == n);

            private void CheckNewName(string n)
            {
                if (string.IsNullOrEmpty(n) || n.Contains('.')) throw new ArgumentException($"invalid name '{n}'");
                if (Registered(n)) throw new ArgumentException($"'{n}' is already registered in {name}");
            }

            public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
            {
                foreach (var (n, p) in ownParameters)
                    if (p is not null) yield return (n, p);
                if (!recurse) yield break;
                foreach (var (prefix, m) in ownModules)
                    foreach (var (n, p) in m.named_parameters())
                        yield return ($"{prefix}.{n}", p);
            }

            public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(x => x.parameter);

            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true, bool persistentOnly = false)
            {
                foreach (var (n, t, persistent) in ownBuffers)
                    if (t is not null && (persistent || !persistentOnly)) yield return (n, t);
                if (!recurse) yield break;
                foreach (var (prefix, m) in ownModules)
                    foreach (var (n, t) in m.named_buffers(true, persistentOnly))
                        yield return ($"{prefix}.{n}", t);
            }

            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(x => x.buffer);

            public IEnumerable<(string name, Module module)> named_children() => ownModules.Select(m => (m.Key, m.Value));

            public IEnumerable<(string name, Module module)> named_modules()
            {
                foreach (var (prefix, m) in ownModules)
                {
                    yield return (prefix, m);
                    foreach (var (n, sub) in m.named_modules()) yield return ($"{prefix}.{n}", sub);
                }
            }

            /// <summary>
            /// Parameters and persistent buffers by dotted name. The values are the module's own
            /// tensors (not copies): read or save them, do not dispose them.
            /// </summary>
            public Dictionary<string, Tensor> state_dict()
            {
                var result = new Dictionary<string, Tensor>();
                foreach (var (n, p) in named_parameters()) result[n] = p;
                foreach (var (n, b) in named_buffers(persistentOnly: true)) result[n] = b;
                return result;
            }

            /// <summary>
            /// Copies values into the module's tensors (converting dtype/device as needed). With
            /// <paramref name="strict"/>, missing or unexpected keys and shape mismatches throw.
            /// Returns the missing and unexpected keys.
            /// </summary>
            public (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) load_state_dict(IReadOnlyDictionary<string, Tensor> source, bool strict = true)
            {
                var own = state_dict();
                var missing = own.Keys.Where(k => !source.ContainsKey(k)).ToList();
                var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
                if (strict && (missing.Count > 0 || unexpected.Count > 0))
                    throw new ArgumentException($"state dict mismatch: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
                using var noGrad = no_grad();
                foreach (var (key, target) in own)
                {
                    if (!source.TryGetValue(key, out var value)) continue;
                    var want = target.shape;
                    var have = value.shape;
                    if (!want.AsSpan().SequenceEqual(have))
                        throw new ArgumentException($"'{key}': shape [{string.Join(", ", have)}] does not match [{string.Join(", ", want)}]");
                    target.copy_(value);
                }
                return (missing, unexpected);
            }

            public virtual Module train(bool on = true)
            {
                training = on;
                foreach (var (_, m) in ownModules) m.train(on);
                return this;
            }

            public Module eval() => train(false);

            /// <summary>Sets requires_grad on every parameter (false freezes the module).</summary>
            public Module requires_grad_(bool requiresGrad = true)
            {
                foreach (var p in parameters()) p.requires_grad = requiresGrad;
                return this;
            }

            /// <summary>Moves/converts parameters and buffers in place (the same objects keep working).</summary>
            public Module to(Device device, ScalarType? dtype = null)
            {
                foreach (var p in parameters())
                {
                    var grad = p.requires_grad;
                    var converted = Check.Handle(NativeTensor.mt_tensor_to(p.Handle, (int)device.type, device.index, dtype is null ? -1 : (int)dtype.Value, 0));
                    var leaf = Check.Handle(NativeTensor.mt_tensor_detach(converted));
                    NativeTensor.mt_tensor_free(converted);
                    p.ReplaceHandle(leaf);
                    if (grad) p.requires_grad = true;
                }
                foreach (var b in buffers())
                {
                    var keepType = !b.dtype.IsFloatingPoint();
                    b.ReplaceHandle(NativeTensor.mt_tensor_to(b.Handle, (int)device.type, device.index, keepType || dtype is null ? -1 : (int)dtype.Value, 0));
                }
                return this;
            }

            public Module to(ScalarType dtype)
            {
                var first = parameters().FirstOrDefault();
                return to(first?.device ?? Device.CPU, dtype);
            }

            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            protected virtual void Dispose(bool disposing)
            {
                if (disposed || !disposing) return;
                disposed = true;
                foreach (var (_, p) in ownParameters) p?.Dispose();
                foreach (var (_, t, _) in ownBuffers) t?.Dispose();
                foreach (var (_, m) in ownModules) m.Dispose();
            }
        }

        /// <summary>A module with one input.</summary>
        public abstract class Module<T, TResult>(string name) : Module(name)
        {
            public abstract TResult forward(T input);

            public TResult call(T input) => forward(input);
        }

        /// <summary>A module with two inputs.</summary>
        public abstract class Module<T1, T2, TResult>(string name) : Module(name)
        {
            public abstract TResult forward(T1 input1, T2 input2);

            public TResult call(T1 input1, T2 input2) => forward(input1, input2);
        }
    }
}
