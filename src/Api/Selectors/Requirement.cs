using System.Globalization;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Validation;

namespace ActorOrchestrator.Api.Selectors;

/// <summary>
/// One condition of a label selector: a key, an operator and (for some operators) values. Immutable;
/// values are kept sorted and distinct, so two requirements that mean the same are equal.
/// </summary>
public sealed class Requirement : IEquatable<Requirement>
{
    private Requirement(string key, SelectorOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }

    public SelectorOperator Operator { get; }

    /// <summary>Sorted (ordinal) and distinct; empty for <c>Exists</c> and <c>DoesNotExist</c>.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Checks the requirement the way Kubernetes' <c>NewRequirement</c> does and refuses an invalid one
    /// with 400. <paramref name="path"/> prefixes field names in messages (e.g. <c>matchExpressions[0]</c>).
    /// </summary>
    public static Requirement Create(string key, SelectorOperator op, IEnumerable<string> values, string? path = null)
    {
        var list = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var problems = Problems(key, op, list, path);
        if (problems.Count > 0)
        {
            throw ApiException.BadRequest("unable to parse requirement: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")),
                problems);
        }
        return new Requirement(key, op, list);
    }

    /// <summary>Whether a set of labels satisfies this requirement (absent keys satisfy <c>!=</c> and <c>notin</c>).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In => present && HasValue(value!),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !present || !HasValue(value!),
            SelectorOperator.Exists => present,
            SelectorOperator.DoesNotExist => !present,
            SelectorOperator.GreaterThan => present && CompareAsIntegers(value!) is > 0,
            SelectorOperator.LessThan => present && CompareAsIntegers(value!) is < 0,
            _ => false,
        };
    }

    /// <summary>The canonical string form, as Kubernetes prints it: <c>env in (dev,prod)</c>, <c>!legacy</c>, <c>app=web</c>.</summary>
    public override string ToString()
    {
        var values = string.Join(",", Values);
        return Operator switch
        {
            SelectorOperator.Exists => Key,
            SelectorOperator.DoesNotExist => "!" + Key,
            SelectorOperator.Equals => $"{Key}={values}",
            SelectorOperator.DoubleEquals => $"{Key}=={values}",
            SelectorOperator.NotEquals => $"{Key}!={values}",
            SelectorOperator.In => $"{Key} in ({values})",
            SelectorOperator.NotIn => $"{Key} notin ({values})",
            SelectorOperator.GreaterThan => $"{Key}>{values}",
            SelectorOperator.LessThan => $"{Key}<{values}",
            _ => Key,
        };
    }

    public bool Equals(Requirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator && Values.SequenceEqual(other.Values);

    public override bool Equals(object? obj) => Equals(obj as Requirement);

    public override int GetHashCode() => HashCode.Combine(Key, Operator, string.Join('\0', Values));

    private bool HasValue(string value) => Values.Contains(value, StringComparer.Ordinal);

    /// <summary>Sign of (label value − requirement value); null when the label is not an integer.</summary>
    private int? CompareAsIntegers(string labelValue) =>
        long.TryParse(labelValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual) &&
        long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)
            ? actual.CompareTo(bound)
            : null;

    private static List<StatusCause> Problems(string key, SelectorOperator op, List<string> values, string? path)
    {
        var prefix = path is null ? "" : path + ".";
        var causes = new List<StatusCause>();
        foreach (var message in MetadataValidation.IsQualifiedName(key))
        {
            causes.Add(Invalid(prefix + "key", key, message));
        }
        var valuesText = "[" + string.Join(",", values) + "]";
        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when values.Count == 0:
                causes.Add(Invalid(prefix + "values", valuesText, "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.NotEquals when values.Count != 1:
                causes.Add(Invalid(prefix + "values", valuesText, "exact-match compatibility requires one single value"));
                break;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when values.Count != 0:
                causes.Add(Invalid(prefix + "values", valuesText, "values set must be empty for exists and does not exist"));
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (values.Count != 1) causes.Add(Invalid(prefix + "values", valuesText, "for 'Gt', 'Lt' operators, exactly one value is required"));
                for (var i = 0; i < values.Count; i++)
                {
                    if (!long.TryParse(values[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        causes.Add(Invalid($"{prefix}values[{i}]", values[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
                break;
        }
        for (var i = 0; i < values.Count; i++)
        {
            foreach (var message in MetadataValidation.IsValidLabelValue(values[i]))
            {
                causes.Add(Invalid($"{prefix}values[{i}][{key}]", values[i], message));
            }
        }
        return causes;
    }

    private static StatusCause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: \"{value}\": {detail}", field);
}
