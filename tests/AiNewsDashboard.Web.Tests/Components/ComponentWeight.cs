using Bunit;
using Microsoft.AspNetCore.Components;
using Xunit.Abstractions;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>
/// How many components a rendered component holds, itself included: every component of a Blazor Server page stays in the
/// server's memory while the page is open. The weight tests bound it, and print the count per type for whoever raises it.
/// </summary>
internal static class ComponentWeight
{
    public static int Count(IRenderedComponent<IComponent> root, ITestOutputHelper output, string what)
    {
        var all = root.FindComponents<IComponent>();
        output.WriteLine($"{what}: {all.Count + 1} components");
        foreach (var g in all.GroupBy(c => c.Instance.GetType().Name).OrderByDescending(g => g.Count()))
            output.WriteLine($"  {g.Count(),4} {g.Key}");
        return all.Count + 1;
    }
}
