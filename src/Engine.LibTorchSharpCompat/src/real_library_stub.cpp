// Link-time stand-in for libLibTorchSharp.real.so (TorchSharp's own library under the name MedVid's
// outputs give it): linking the finalizer quarantine against it records the dependency by that name.
// It is never deployed; at run time the real library next to the quarantine answers the name.
