using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiNewsDashboard.Web.Tests.Alerts;

/// <summary>A webhook receiver on loopback that the test starts: it keeps every request and answers the statuses it is
/// given in turn (200 once they run out, or <see cref="Always"/>).</summary>
public sealed class WebhookReceiver : IDisposable
{
    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body);

    private readonly HttpListener _listener = new();
    private readonly Queue<int> _statuses;
    private readonly List<Received> _received = [];

    public WebhookReceiver(params int[] statuses)
    {
        _statuses = new Queue<int>(statuses);
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Answer this status to every request, whatever the queue holds.</summary>
    public int? Always { get; set; }

    public IReadOnlyList<Received> Requests
    {
        get { lock (_received) return [.. _received]; }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            int status;
            lock (_received)
            {
                _received.Add(new Received(headers, body));
                status = Always ?? (_statuses.Count > 0 ? _statuses.Dequeue() : 200);
            }
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    // Close alone: after Stop, Close takes the prefixes off again, which on Linux binds the port anew to do so and throws
    // "Address already in use" when another test has taken the freed port meanwhile (seen in CI).
    public void Dispose() => _listener.Close();
}
