using System.Reflection;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// The fast subset (<c>--filter "Category!=Slow"</c>) leaves out the browser tests: each of them starts Chromium and
/// a dashboard, which alone took 50 s of it when three classes lacked the trait.
/// </summary>
public sealed class SlowCategoryTests
{
    private static readonly Type[] BrowserAttributes = [typeof(BrowserFactAttribute), typeof(BrowserTheoryAttribute), typeof(PostgresBrowserFactAttribute)];

    private static bool IsSlow(MemberInfo member) =>
        member.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
                                                  && a.ConstructorArguments is [{ Value: "Category" }, { Value: "Slow" }]);

    [Fact]
    public void BrowserTests_EveryOne_IsInTheSlowCategory()
    {
        // The classes xUnit runs: a test declared on an abstract base runs in each class derived from it.
        var browserTests = typeof(SlowCategoryTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => (Class: t, Method: m)))
            .Where(t => BrowserAttributes.Any(a => t.Method.IsDefined(a, inherit: false)))
            .ToList();

        Assert.NotEmpty(browserTests);
        Assert.Empty(browserTests.Where(t => !IsSlow(t.Method) && !IsSlow(t.Class)).Select(t => $"{t.Class.Name}.{t.Method.Name}"));
    }
}
