// libtorch's global generator (manual_seed, default weight init, dropout) is process-wide: test
// classes running in parallel would draw from it between another test's reseed and its forward
// pass and break the bit-exact resume checks. The suite is small, so it runs serially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
