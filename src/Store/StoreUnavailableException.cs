namespace ActorOrchestrator.Store;

/// <summary>
/// The database could not be reached or did not answer in time. The write may or may not have
/// committed: callers reload before deciding again, and clients see 503 and retry.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
