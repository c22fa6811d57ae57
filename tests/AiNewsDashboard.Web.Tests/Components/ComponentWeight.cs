using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
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

    private static readonly MethodInfo CurrentFrames =
        typeof(Renderer).GetMethod("GetCurrentRenderTreeFrames", BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>
    /// How many render-tree frames one component holds (its own tree, not its children's): the server keeps that tree for
    /// as long as the page is open, 40 bytes a frame in an array of the next power of two.
    /// </summary>
#pragma warning disable BL0006 // the framework's render tree, read to weigh it
    public static int Frames(Renderer renderer, IRenderedComponent<IComponent> component) =>
        ((ArrayRange<RenderTreeFrame>)CurrentFrames.Invoke(renderer, [component.ComponentId])!).Count;
#pragma warning restore BL0006
}
