using Orleans.Concurrency;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>
/// The single writer of one API object, keyed <c>resource/namespace/name</c> (see <c>ObjectKey</c>).
/// Every change to the object goes through its grain; reads go to the store.
/// </summary>
public interface IApiObjectGrain : IGrainWithStringKey
{
    Task<ObjectResponse> Create(CreateCommand command);

    Task<ObjectResponse> Update(UpdateCommand command);

    Task<ObjectResponse> Patch(PatchCommand command);

    Task<ObjectResponse> Delete(DeleteCommand command);

    Task<ObjectResponse> Scale(ScaleCommand command);

    /// <summary>
    /// A hint that something this object depends on changed: reconcile soon. Hints may be lost or
    /// doubled; the periodic resync makes either harmless.
    /// </summary>
    [OneWay]
    Task Poke();
}
