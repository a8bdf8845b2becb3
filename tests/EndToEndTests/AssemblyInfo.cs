// Each test class starts real processes; running them one at a time keeps a 2-core machine responsive
// and the timings meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
