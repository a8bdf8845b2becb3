using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Store;
using ActorOrchestrator.Store.Objects;
using ActorOrchestrator.Store.Writing;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>
/// The single writer of one API object. It keeps the last committed copy, turns commands into a
/// new version (server metadata, defaults, validation), and commits it conditionally on the revision
/// it holds: if another activation wrote first, the store refuses and this one reloads.
/// Kinds override the hooks; kinds with a reconcile loop override <see cref="ReconcileAsync"/>.
/// </summary>
public abstract partial class ApiObjectGrain(ObjectServices services, ILogger logger) : Grain, IApiObjectGrain, IRemindable
{
    private const string ResyncReminder = "resync";
    private bool _loaded;
    private IGrainTimer? _reconcileTimer;
    private DateTimeOffset _reconcileDue;

    protected ObjectKey Key { get; private set; }

    protected ResourceType Type { get; private set; } = null!;

    /// <summary>The committed object, resourceVersion included; null when it does not exist.</summary>
    protected JsonObject? Current { get; private set; }

    protected long Revision { get; private set; }

    protected ObjectServices Services => services;

    protected ILogger Logger => logger;

    protected DateTimeOffset Now => services.Time.GetUtcNow();

    /// <summary>What Status messages call this resource: <c>pods</c>, <c>replicasets.apps</c>.</summary>
    protected string ResourceName => Type.StorageKey;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Key = ObjectKey.Parse(this.GetPrimaryKeyString());
        Type = ResourceRegistry.FindByStorageKey(Key.Resource)
            ?? throw new InvalidOperationException($"No resource is registered as '{Key.Resource}'");
        await LoadAsync(cancellationToken);
        await OnLoadedAsync();
    }

    // ---- Hooks for kinds ----------------------------------------------------------------------

    /// <summary>Called after activation and after every reload: start loops the object's state calls for.</summary>
    protected virtual Task OnLoadedAsync() => Task.CompletedTask;

    /// <summary>Resets fields a client may not set on create (typically status).</summary>
    protected virtual void PrepareForCreate(JsonObject obj)
    {
    }

    /// <summary>Fills defaults the way Kubernetes' defaulting functions do.</summary>
    protected virtual void ApplyDefaults(JsonObject obj)
    {
    }

    /// <summary>Problems with a new object, or with an update from <paramref name="old"/>.</summary>
    protected virtual IEnumerable<StatusCause> Validate(JsonObject obj, JsonObject? old) => [];

    /// <summary>How a delete request proceeds for this object.</summary>
    protected virtual ValueTask<DeletionPlan> PlanDeletionAsync(JsonObject current, DeleteCommand command) =>
        ValueTask.FromResult(DeletionPlan.Immediate);

    /// <summary>Changes made when an object is first marked for deletion (a namespace turns Terminating).</summary>
    protected virtual void MarkForDeletion(JsonObject obj)
    {
    }

    /// <summary>Whether an object marked for deletion may now be removed from the store.</summary>
    protected virtual bool ReadyToRemove(JsonObject obj) => obj.Finalizers().Count == 0;

    /// <summary>Runs after each commit, to wake whatever depends on this object.</summary>
    /// <param name="committed">What was committed: <paramref name="current"/>'s JSON, or the final state of a removed object.</param>
    protected virtual Task OnCommittedAsync(JsonObject? previous, JsonObject? current, CommittedObject committed) => Task.CompletedTask;

    /// <summary>One level-based pass: compare desired with observed, act, write status.</summary>
    /// <returns>When to run again, or null to wait for the next change or resync.</returns>
    protected virtual Task<TimeSpan?> ReconcileAsync() => Task.FromResult<TimeSpan?>(null);

    public virtual Task<ObjectResponse> Scale(ScaleCommand command) =>
        throw ApiException.NotFound(ResourceName + "/scale", Key.Name);

    // ---- Commands -----------------------------------------------------------------------------

    public async Task<ObjectResponse> Create(CreateCommand command)
    {
        await EnsureLoadedAsync();
        var obj = ParseBody(command.Json);
        CheckIdentity(obj);
        if (Current is not null) throw ApiException.AlreadyExists(ResourceName, Key.Name);
        if (Type.Namespaced) await services.Namespaces.EnsureAcceptsNewObjectsAsync(Key.Namespace);

        ServerMetadata.StampNew(obj, Now);
        PrepareForCreate(obj);
        ApplyDefaults(obj);
        ThrowIfInvalid(obj, null);
        return await CommitAsync(WriteKind.Create, obj, command.DryRun);
    }

    public async Task<ObjectResponse> Update(UpdateCommand command)
    {
        var current = await RequireCurrentAsync();
        var body = ParseBody(command.Json);
        CheckPreconditions(body);
        CheckIdentity(body);
        return await ApplyChangeAsync(current, body, command.Subresource, command.DryRun);
    }

    public async Task<ObjectResponse> Patch(PatchCommand command)
    {
        await EnsureLoadedAsync();
        if (Current is null)
        {
            if (command.Type == PatchType.Apply && command.Subresource.Length == 0)
            {
                return await Create(new CreateCommand(command.Patch, command.DryRun, command.FieldManager));
            }
            throw ApiException.NotFound(ResourceName, Key.Name);
        }
        var patched = PatchApplier.Apply(Type, command.Type, Current.Clone(), command.Patch);
        CheckPreconditions(patched);
        CheckIdentity(patched);
        return await ApplyChangeAsync(Current, patched, command.Subresource, command.DryRun);
    }

    public async Task<ObjectResponse> Delete(DeleteCommand command)
    {
        var current = await RequireCurrentAsync();
        if (command.PreconditionUid is { } uid && uid != current.Uid())
        {
            throw ApiException.Conflict(ResourceName, Key.Name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid()}");
        }
        if (command.PreconditionResourceVersion is { } rv && rv != current.ResourceVersion())
        {
            throw ApiException.Conflict(ResourceName, Key.Name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current.ResourceVersion()}");
        }

        var plan = await PlanDeletionAsync(current, command);
        var updated = current.Clone();
        AddPropagationFinalizer(updated, command.PropagationPolicy);
        if (plan.GracePeriod is null && ReadyToRemove(updated))
        {
            return await CommitAsync(WriteKind.Delete, updated, command.DryRun);
        }

        var meta = updated.Metadata();
        var grace = plan.GracePeriod ?? TimeSpan.Zero;
        if (current.DeletionTimestamp() is null)
        {
            meta["deletionTimestamp"] = Timestamps.Format(Now + grace);
            meta["deletionGracePeriodSeconds"] = (long)grace.TotalSeconds;
            meta["generation"] = current.Generation() + 1;
            MarkForDeletion(updated);
        }
        else if (plan.GracePeriod is { } shorter && Timestamps.Parse(current.DeletionTimestamp()) > Now + shorter)
        {
            // A second delete may only shorten the grace period (kubectl delete --grace-period=0 --force).
            meta["deletionTimestamp"] = Timestamps.Format(Now + shorter);
            meta["deletionGracePeriodSeconds"] = (long)shorter.TotalSeconds;
        }
        if (ServerMetadata.SameContent(updated, current)) return Response(current);
        return await CommitAsync(WriteKind.Update, updated, command.DryRun);
    }

    public Task Poke()
    {
        // A short delay lets the notifications of one burst (20 pods starting) share a pass.
        ScheduleReconcile(PokeDelay);
        return Task.CompletedTask;
    }

    /// <summary>How long a notification waits for others before the pass it triggers runs.</summary>
    protected virtual TimeSpan PokeDelay => TimeSpan.FromMilliseconds(50);

    // ---- Shared steps -------------------------------------------------------------------------

    private async Task<ObjectResponse> ApplyChangeAsync(JsonObject current, JsonObject requested, string subresource, bool dryRun)
    {
        var hasStatus = Type.Subresources.Contains("status");
        var updated = subresource switch
        {
            "" when hasStatus => WithStatusOf(requested, current),
            "" => requested,
            "status" when hasStatus => WithStatusOf(current.Clone(), requested),
            _ => throw ApiException.NotFound($"{ResourceName}/{subresource}", Key.Name),
        };
        ServerMetadata.CarryOver(current, updated);
        ApplyDefaults(updated);
        ThrowIfInvalid(updated, current);
        return await CommitChangeAsync(current, updated, dryRun);
    }

    /// <summary>A change the grain itself makes to the desired state (scale): server metadata, defaults and validation apply.</summary>
    protected async Task<ObjectResponse> UpdateSpecAsync(JsonObject current, JsonObject updated, bool dryRun) =>
        await ApplyChangeAsync(current, updated, "", dryRun);

    /// <summary>
    /// Commits a changed object, or removes it when it was being deleted and nothing holds it any
    /// more (last finalizer gone). Unchanged objects are not written: no new resourceVersion.
    /// </summary>
    protected async Task<ObjectResponse> CommitChangeAsync(JsonObject current, JsonObject updated, bool dryRun = false)
    {
        if (updated.DeletionTimestamp() is not null && ReadyToRemove(updated))
        {
            return await CommitAsync(WriteKind.Delete, updated, dryRun);
        }
        if (ServerMetadata.SameContent(updated, current)) return Response(current);
        return await CommitAsync(WriteKind.Update, updated, dryRun);
    }

    /// <summary>Writes one version conditionally on the revision this activation holds.</summary>
    protected async Task<ObjectResponse> CommitAsync(WriteKind kind, JsonObject obj, bool dryRun = false)
    {
        if (dryRun)
        {
            obj.Metadata()["resourceVersion"] = Revision.ToString(CultureInfo.InvariantCulture);
            return new ObjectResponse(obj.ToJsonString(), Revision, kind == WriteKind.Delete);
        }
        var previous = Current;
        var write = new ObjectWrite(Key, kind, Revision, obj,
            AttributeExtraction.Extract(Key.Resource, obj),
            previous is null ? null : AttributeExtraction.Extract(Key.Resource, previous));
        WriteResult result;
        try
        {
            result = await services.Writer.WriteAsync(write);
        }
        catch (StoreUnavailableException ex)
        {
            // The write may have committed without us hearing: forget what we hold and reload next time.
            _loaded = false;
            throw ApiException.Unavailable(ex.Message);
        }
        if (result.Status == WriteStatus.Conflict)
        {
            await LoadAsync();
            LogStaleWrite(Key.ToString(), kind);
            throw kind == WriteKind.Create
                ? ApiException.AlreadyExists(ResourceName, Key.Name)
                : ApiException.StaleObject(ResourceName, Key.Name);
        }
        Current = kind == WriteKind.Delete ? null : obj;
        Revision = kind == WriteKind.Delete ? 0 : result.Revision;
        await OnCommittedAsync(previous, Current, new CommittedObject(result.Json!, result.Revision, kind == WriteKind.Delete));
        if (Current is null && _reconcileTimer is null) DeactivateOnIdle();
        return new ObjectResponse(result.Json!, result.Revision, kind == WriteKind.Delete);
    }

    protected async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var stored = await services.Reader.GetAsync(Key, cancellationToken);
            Current = stored is null ? null : JsonNode.Parse(stored.Json)!.AsObject();
            Revision = stored?.Revision ?? 0;
            _loaded = true;
        }
        catch (StoreUnavailableException ex)
        {
            throw ApiException.Unavailable(ex.Message);
        }
    }

    protected async Task EnsureLoadedAsync()
    {
        if (!_loaded)
        {
            await LoadAsync();
            await OnLoadedAsync();
        }
    }

    protected async Task<JsonObject> RequireCurrentAsync()
    {
        await EnsureLoadedAsync();
        return Current ?? throw ApiException.NotFound(ResourceName, Key.Name);
    }

    protected static ObjectResponse Response(JsonObject obj) =>
        new(obj.ToJsonString(), long.Parse(obj.ResourceVersion() ?? "0", CultureInfo.InvariantCulture));

    private static JsonObject ParseBody(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw ApiException.BadRequest("the request body must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest("the request body is not valid JSON: " + ex.Message);
        }
    }

    /// <summary>The body must describe this object: its kind, and the name and namespace of the URL.</summary>
    private void CheckIdentity(JsonObject obj)
    {
        var meta = obj.Metadata();
        var name = meta.GetString("name");
        if (name is not null && name != Key.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({Key.Name})");
        }
        var ns = meta.GetString("namespace");
        if (Type.Namespaced && !string.IsNullOrEmpty(ns) && ns != Key.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        meta["name"] = Key.Name;
        if (Type.Namespaced) meta["namespace"] = Key.Namespace;
        else meta.Remove("namespace");
        obj["apiVersion"] = Type.ApiVersion;
        obj["kind"] = Type.Kind;
    }

    private void CheckPreconditions(JsonObject body)
    {
        var rv = body.ResourceVersion();
        if (!string.IsNullOrEmpty(rv) && rv != Current?.ResourceVersion())
        {
            throw ApiException.StaleObject(ResourceName, Key.Name);
        }
        var uid = body.Uid();
        if (!string.IsNullOrEmpty(uid) && uid != Current?.Uid())
        {
            throw ApiException.Conflict(ResourceName, Key.Name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Current?.Uid()}");
        }
    }

    private void ThrowIfInvalid(JsonObject obj, JsonObject? old)
    {
        var causes = CommonValidation.Metadata(Type, obj).Concat(Validate(obj, old)).ToList();
        if (causes.Count > 0) throw ApiException.Invalid(Type.Kind, Key.Name, causes);
    }

    /// <summary>Status is written only through the status subresource, and the rest only through the main resource.</summary>
    private static JsonObject WithStatusOf(JsonObject target, JsonObject statusSource)
    {
        if (statusSource["status"] is { } status) target["status"] = status.DeepClone();
        else target.Remove("status");
        return target;
    }

    private static void AddPropagationFinalizer(JsonObject obj, string? policy)
    {
        var finalizer = policy switch
        {
            "Orphan" => "orphan",
            "Foreground" => "foregroundDeletion",
            _ => null,
        };
        if (finalizer is null || obj.Finalizers().Contains(finalizer)) return;
        var meta = obj.Metadata();
        if (meta["finalizers"] is not JsonArray list) meta["finalizers"] = list = [];
        list.Add(finalizer);
    }

    // ---- Reconcile scheduling -----------------------------------------------------------------

    /// <summary>
    /// Runs <see cref="ReconcileAsync"/> after <paramref name="delay"/>, unless a pass is already due sooner:
    /// a burst of notifications coalesces into one pass instead of postponing it forever.
    /// </summary>
    protected void ScheduleReconcile(TimeSpan delay)
    {
        var due = Now + delay;
        if (_reconcileTimer is not null && _reconcileDue <= due) return;
        _reconcileTimer?.Dispose();
        _reconcileDue = due;
        _reconcileTimer = this.RegisterGrainTimer(RunReconcileAsync, new GrainTimerCreationOptions
        {
            DueTime = delay,
            Period = Timeout.InfiniteTimeSpan,
            Interleave = false,
            KeepAlive = true,
        });
    }

    /// <summary>
    /// Keeps a durable reminder while the object needs reconciling, so that its loop resumes on a
    /// surviving silo if this one dies; the reminder is removed once there is nothing left to do.
    /// </summary>
    protected async Task KeepResyncingAsync(bool enabled)
    {
        if (enabled)
        {
            await this.RegisterOrUpdateReminder(ResyncReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        else if (await this.GetReminder(ResyncReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ScheduleReconcile(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private async Task RunReconcileAsync(CancellationToken cancellationToken)
    {
        _reconcileTimer?.Dispose();
        _reconcileTimer = null;
        var started = services.Time.GetTimestamp();
        string outcome;
        TimeSpan? next;
        try
        {
            await EnsureLoadedAsync();
            next = await ReconcileAsync();
            outcome = next is null ? "done" : "requeued";
        }
        catch (Exception ex) when (ex is ApiException or StoreUnavailableException or OrleansException or TimeoutException)
        {
            LogReconcileFailed(ex, Key.ToString());
            outcome = "error";
            next = TimeSpan.FromSeconds(2);
        }
        var elapsed = services.Time.GetElapsedTime(started);
        ReconcileMetrics.Record(Type.Kind, outcome, elapsed);
        LogReconciled(Key.ToString(), elapsed.TotalMilliseconds, outcome);
        if (next is { } delay) ScheduleReconcile(delay);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled {Key} in {Milliseconds:F1} ms ({Outcome})")]
    private partial void LogReconciled(string key, double milliseconds, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {Key} failed; retrying")]
    private partial void LogReconcileFailed(Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Key}: another writer committed first ({Kind}); reloaded")]
    private partial void LogStaleWrite(string key, WriteKind kind);
}

/// <summary>A committed version of the object: its JSON as stored, its revision, and whether it was removed.</summary>
public sealed record CommittedObject(string Json, long Revision, bool Removed);

/// <summary>How a delete proceeds: removed now, or marked and removed after a grace period / when released.</summary>
public sealed record DeletionPlan(TimeSpan? GracePeriod)
{
    public static DeletionPlan Immediate { get; } = new((TimeSpan?)null);

    public static DeletionPlan Graceful(TimeSpan gracePeriod) => new(gracePeriod);
}
