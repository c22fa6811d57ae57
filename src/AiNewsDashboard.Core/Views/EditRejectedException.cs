namespace AiNewsDashboard.Core.Views;

/// <summary>
/// Why a saved view, provider collection or annotation was not saved: <see cref="Field"/> names the input that was
/// wrong (the API's ProblemDetails key), the message says what was wrong in words for the person who asked.
/// </summary>
public sealed class EditRejectedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>The change is not this user's to make (another user's view): a 403, or a message on the page.</summary>
public sealed class EditForbiddenException(string message) : Exception(message);

/// <summary>Small checks the three stores share.</summary>
public static class EditRules
{
    /// <summary>A required name: trimmed, not blank, at most <paramref name="max"/> characters, no control characters.</summary>
    public static string Name(string? value, string field, int max)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
            throw new EditRejectedException(field, $"{field}: is required");
        if (name.Length > max)
            throw new EditRejectedException(field, $"{field}: {name.Length} characters is more than the {max} allowed");
        if (name.Any(char.IsControl))
            throw new EditRejectedException(field, $"{field}: contains a control character (a tab or line break)");
        return name;
    }
}
