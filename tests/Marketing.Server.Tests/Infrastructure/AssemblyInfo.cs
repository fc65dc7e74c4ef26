// Hangfire keeps some process-wide state and each host is configured through environment variables
// while it starts; one test class at a time keeps hosts from seeing each other's settings.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
