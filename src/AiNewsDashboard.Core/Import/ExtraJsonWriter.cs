using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// Writes unknown fields as one JSON object: mappings become objects, sequences arrays, scalars strings
/// (plain YAML nulls become JSON null). Iterative, so input depth cannot exhaust the stack; the reader has
/// already bounded depth and expanded size (aliases included).
/// </summary>
internal static class ExtraJsonWriter
{
    public static string Write(List<KeyValuePair<string, YNode>> fields, int maxDepth, Action<YNode, string> warn)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var options = new JsonWriterOptions { MaxDepth = (int)Math.Min(Math.Max(maxDepth, 1) + 2L, int.MaxValue) };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            var stack = new List<Frame>();
            writer.WriteStartObject();
            foreach (KeyValuePair<string, YNode> field in fields)
            {
                writer.WritePropertyName(field.Key);
                WriteValue(writer, field.Value, stack, warn);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, YNode value, List<Frame> stack, Action<YNode, string> warn)
    {
        if (value.IsScalar)
        {
            WriteScalar(writer, value);
            return;
        }

        Open(writer, value, stack);
        while (stack.Count > 0)
        {
            int top = stack.Count - 1;
            Frame frame = stack[top];
            List<YNode> items = frame.Node.Items!;
            YNode child;
            if (frame.Node.Kind == YNodeKind.Mapping)
            {
                if (frame.Next >= items.Count)
                {
                    writer.WriteEndObject();
                    stack.RemoveAt(top);
                    continue;
                }

                YNode key = items[frame.Next];
                child = items[frame.Next + 1];
                stack[top] = frame with { Next = frame.Next + 2 };
                if (!key.IsScalar)
                {
                    warn(key, "A mapping key that is a list or mapping was ignored in an unknown field.");
                    continue;
                }

                writer.WritePropertyName(key.Value);
            }
            else
            {
                if (frame.Next >= items.Count)
                {
                    writer.WriteEndArray();
                    stack.RemoveAt(top);
                    continue;
                }

                child = items[frame.Next];
                stack[top] = frame with { Next = frame.Next + 1 };
            }

            if (child.IsScalar)
            {
                WriteScalar(writer, child);
            }
            else
            {
                Open(writer, child, stack);
            }
        }
    }

    private static void Open(Utf8JsonWriter writer, YNode node, List<Frame> stack)
    {
        if (node.Kind == YNodeKind.Mapping)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartArray();
        }

        stack.Add(new Frame(node, 0));
    }

    private static void WriteScalar(Utf8JsonWriter writer, YNode node)
    {
        if (node.IsNull)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(node.Value);
        }
    }

    private readonly record struct Frame(YNode Node, int Next);
}
