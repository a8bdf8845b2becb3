namespace ActorOrchestrator.Api.Protobuf;

/// <summary>A message type: its fields in Go declaration order, found by number while decoding.</summary>
internal sealed class MessageSchema
{
    private readonly Dictionary<int, int> _indexByNumber;

    public MessageSchema(string name, IReadOnlyList<FieldSchema> fields)
    {
        Name = name;
        Fields = fields;
        _indexByNumber = new Dictionary<int, int>(fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            if (!_indexByNumber.TryAdd(fields[i].Number, i))
            {
                throw new InvalidOperationException($"{name}: field number {fields[i].Number} is declared twice");
            }
        }
    }

    /// <summary>Qualified name, for example <c>core.PodSpec</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<FieldSchema> Fields { get; }

    /// <summary>The field's index in <see cref="Fields"/>, or -1 for a number this schema does not know.</summary>
    public int IndexOf(int number) => _indexByNumber.TryGetValue(number, out var index) ? index : -1;

    public override string ToString() => Name;
}
