using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Marketing.Server.Tests.PublicEndpoints.Properties;

/// <summary>The raw material of hostile requests: strings, JSON and form bodies built and spoiled from a valid one.</summary>
public static class HostileText
{
    /// <summary>Strings that have broken parsers, stores, exports or mail somewhere.</summary>
    public static readonly string[] Strings =
    [
        "", " ", "a", "\0", "a\0b", "\u0001", "\u0007\u0008", "\u001b[31m", "\u007f", "\u0085", "\u2028\u2029", "\ufeff", "\u202e", "\u200b",
        "\ud83d\ude00", "e\u0301", "раураl@example.com", "аррle@ехаmple.com", "jane@exam\u0440le.com", "<script>alert(1)</script>",
        "javascript:alert(1)", "=cmd|' /C calc'!A0", "+1-1", "@SUM(1)", "' OR 1=1 --", "../../etc/passwd", "%00", "%ff", "${7*7}", "{{7*7}}",
        "\r\nSet-Cookie: x=1", "1e400", "-1", "0", "NaN", "null", "true", "\\", "\"", "\\u0000", "ß", "İ", "ﬀ", "𝒜", "中文", "العربية",
        "https://www.acme.example/?utm_source=a\u0000", "jane@example.com", "+33612345678", "STOP", "stop\u0000", "YES", "START",
    ];

    public static string Text(Random random) => random.Next(8) switch
    {
        0 => new string((char)random.Next(0x20, 0x7F), random.Next(1, 70_000)),
        1 => new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0, 0x80)).ToArray()),
        2 => new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x80, 0xFFFF)).Where(c => !char.IsSurrogate(c)).ToArray()),
        _ => Strings[random.Next(Strings.Length)],
    };

    /// <summary>An identifier for a path segment: the right one mostly, else unknown or malformed, percent-encoded.</summary>
    public static string Segment(Random random, string valid) => random.Next(6) switch
    {
        0 => Uri.EscapeDataString(Text(random) is { Length: > 0 and < 3000 } s ? s : "x"),
        1 => $"{valid}x",
        2 => random.Next(3) switch { 0 => "%00", 1 => "%ff%fe", _ => "a%2Fb" },
        _ => valid,
    };

    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>A valid JSON body, or one spoiled in one of many ways; the valid one now and then, so that success paths run too.</summary>
    public static byte[] JsonBody(Random random, string valid)
    {
        var node = Parse(valid);
        switch (random.Next(22))
        {
            case 0: case 1: case 2: return Utf8(valid);
            case 3: Replace(random, node, () => new JStr(Text(random))); break;
            case 4: Replace(random, node, () => Scalar(random)); break;
            case 5: Duplicate(random, node); break;
            case 6: Remove(random, node); break;
            case 7: AnyObject(random, node)?.Members.Add((Text(random), new JStr(Text(random)))); break;
            case 8: Replace(random, node, () => new JRaw([(byte)'"', 0xC3, 0x28, 0xFF, (byte)'"'])); break;
            case 9: Replace(random, node, () => new JRaw(Encoding.UTF8.GetBytes("\"a\u0001b\""))); break;
            case 10: Replace(random, node, () => new JRaw(Encoding.UTF8.GetBytes("\"\\ud800x\""))); break;
            case 11: return Utf8(valid)[..random.Next(Math.Max(1, valid.Length))];
            case 12: return Utf8(string.Concat(Enumerable.Repeat(random.Next(2) == 0 ? "[" : "{\"a\":", random.Next(10, 3000))));
            case 13: Replace(random, node, () => new JArr([.. Enumerable.Range(0, random.Next(100, 5000)).Select(i => (JNode)new JNum($"{i}"))])); break;
            case 14: return RandomBytes(random);
            case 15: return Utf8(random.Next(5) switch { 0 => "[]", 1 => "\"x\"", 2 => "1", 3 => "null", _ => "true" });
            case 16: return [0xEF, 0xBB, 0xBF, .. Utf8(valid)];
            case 17: return [];
            case 18: return Utf8(valid.Replace("}", ",}", StringComparison.Ordinal));
            case 19: return Utf8($"// comment\n{valid}");
            case 20: Replace(random, node, () => new JNum(random.Next(3) switch { 0 => "1e400", 1 => "-0", _ => "123456789012345678901234567890" })); break;
            default: Duplicate(random, node); Replace(random, node, () => new JStr(Text(random))); break;
        }

        using var stream = new MemoryStream();
        node.Write(stream);
        return stream.ToArray();
    }

    /// <summary>An application/x-www-form-urlencoded body from valid pairs, or spoiled.</summary>
    public static byte[] FormBody(Random random, IReadOnlyList<KeyValuePair<string, string>> valid)
    {
        var pairs = valid.Select(p => (Uri.EscapeDataString(p.Key), Uri.EscapeDataString(p.Value))).ToList();
        switch (random.Next(12))
        {
            case 0: case 1: case 2: break;
            case 3: pairs.Add((Uri.EscapeDataString(Text(random) is { Length: < 5000 } k ? k : "k"), Uri.EscapeDataString(Text(random)))); break;
            case 4 when pairs.Count > 0: var i = random.Next(pairs.Count); pairs[i] = (pairs[i].Item1, Uri.EscapeDataString(Text(random))); break;
            case 5: pairs.AddRange(Enumerable.Range(0, random.Next(1000, 1100)).Select(n => ($"f{n}", "1"))); break;
            case 6: pairs.Add((new string('k', random.Next(2000, 2100)), "1")); break;
            case 7: pairs.Add(("x", random.Next(3) switch { 0 => "%ZZ", 1 => "%FF%FE", _ => "%C3" })); break;
            case 8: return RandomBytes(random);
            case 9: pairs.AddRange(pairs.ToList()); break;
            case 10: pairs.Add(("%00", "1")); break;
            default: return Utf8(string.Join('&', pairs.Select(p => $"{p.Item1}={p.Item2}")) + "&&==&=");
        }

        return Utf8(string.Join('&', pairs.Select(p => $"{p.Item1}={p.Item2}")));
    }

    /// <summary>A multipart/form-data body (fields, maybe a file) and its content type (maybe without a boundary).</summary>
    public static (byte[] Body, string ContentType) Multipart(Random random, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var boundary = random.Next(4) == 0 ? "" : $"b{random.Next()}";
        var text = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            text.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}\r\n");
        }

        if (random.Next(2) == 0)
        {
            text.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.exe\"\r\nContent-Type: application/octet-stream\r\n\r\nMZ\u0000\u0001\r\n");
        }

        if (random.Next(5) != 0)
        {
            text.Append($"--{boundary}--\r\n");
        }

        return (Utf8(text.ToString()), boundary.Length == 0 ? "multipart/form-data" : $"multipart/form-data; boundary={boundary}");
    }

    public static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Content-Encoding as a client might send it: really compressed, claimed but not, or unknown.</summary>
    public static (byte[] Body, string? Coding) Encode(Random random, byte[] body) => random.Next(10) switch
    {
        0 => (Compress(body, s => new GZipStream(s, CompressionLevel.Fastest)), "gzip"),
        1 => (Compress(body, s => new BrotliStream(s, CompressionLevel.Fastest)), "br"),
        2 => (body, "gzip"),
        3 => (body, random.Next(2) == 0 ? "identity" : "x-unknown"),
        _ => (body, null),
    };

    private static byte[] Compress(byte[] body, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (var compressor = wrap(output))
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static JNode Scalar(Random random) => random.Next(6) switch
    {
        0 => new JNum("42"),
        1 => new JRaw("true"u8.ToArray()),
        2 => new JRaw("null"u8.ToArray()),
        3 => new JArr([new JStr(Text(random))]),
        4 => new JObj([("a", new JStr(Text(random)))]),
        _ => new JNum("-1.5e3"),
    };

    // A JSON tree that can hold what System.Text.Json will not write: a key twice, raw (invalid) bytes.
    private abstract record JNode
    {
        public abstract void Write(Stream output);
    }

    private sealed record JObj(List<(string Key, JNode Value)> Members) : JNode
    {
        public override void Write(Stream output)
        {
            output.WriteByte((byte)'{');
            for (var i = 0; i < Members.Count; i++)
            {
                if (i > 0)
                {
                    output.WriteByte((byte)',');
                }

                new JStr(Members[i].Key).Write(output);
                output.WriteByte((byte)':');
                Members[i].Value.Write(output);
            }

            output.WriteByte((byte)'}');
        }
    }

    private sealed record JArr(List<JNode> Items) : JNode
    {
        public override void Write(Stream output)
        {
            output.WriteByte((byte)'[');
            for (var i = 0; i < Items.Count; i++)
            {
                if (i > 0)
                {
                    output.WriteByte((byte)',');
                }

                Items[i].Write(output);
            }

            output.WriteByte((byte)']');
        }
    }

    private sealed record JStr(string Text) : JNode
    {
        // Escaped as JSON must (so "\0" travels as \u0000, valid JSON); a lone surrogate as \uD800.
        public override void Write(Stream output)
        {
            var escaped = new StringBuilder("\"");
            foreach (var c in Text)
            {
                escaped.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    < ' ' or (>= '\ud800' and <= '\udfff') => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }

            output.Write(Utf8(escaped.Append('"').ToString()));
        }
    }

    private sealed record JNum(string Text) : JNode
    {
        public override void Write(Stream output) => output.Write(Utf8(Text));
    }

    private sealed record JRaw(byte[] Bytes) : JNode
    {
        public override void Write(Stream output) => output.Write(Bytes);
    }

    private static JNode Parse(string json) => From(JsonDocument.Parse(json).RootElement);

    private static JNode From(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new JObj([.. e.EnumerateObject().Select(p => (p.Name, From(p.Value)))]),
        JsonValueKind.Array => new JArr([.. e.EnumerateArray().Select(From)]),
        JsonValueKind.String => new JStr(e.GetString()!),
        _ => new JNum(e.GetRawText()),
    };

    private static List<(List<(string Key, JNode Value)> Members, int Index)> Slots(JNode node)
    {
        var slots = new List<(List<(string, JNode)>, int)>();
        void Walk(JNode n)
        {
            if (n is JObj o)
            {
                for (var i = 0; i < o.Members.Count; i++)
                {
                    slots.Add((o.Members, i));
                    Walk(o.Members[i].Value);
                }
            }
            else if (n is JArr a)
            {
                a.Items.ForEach(Walk);
            }
        }

        Walk(node);
        return slots;
    }

    private static void Replace(Random random, JNode root, Func<JNode, JNode> make)
    {
        var slots = Slots(root);
        if (slots.Count > 0)
        {
            var (members, i) = slots[random.Next(slots.Count)];
            members[i] = (members[i].Key, make(members[i].Value));
        }
    }

    private static void Replace(Random random, JNode root, Func<JNode> make) => Replace(random, root, _ => make());

    private static void Duplicate(Random random, JNode root)
    {
        var slots = Slots(root);
        if (slots.Count > 0)
        {
            var (members, i) = slots[random.Next(slots.Count)];
            members.Add((members[i].Key, random.Next(2) == 0 ? members[i].Value : new JStr(Text(random))));
        }
    }

    private static void Remove(Random random, JNode root)
    {
        var slots = Slots(root);
        if (slots.Count > 0)
        {
            var (members, i) = slots[random.Next(slots.Count)];
            members.RemoveAt(i);
        }
    }

    private static JObj? AnyObject(Random random, JNode root)
    {
        var objects = new List<JObj>();
        void Walk(JNode n)
        {
            if (n is JObj o)
            {
                objects.Add(o);
                o.Members.ForEach(m => Walk(m.Value));
            }
            else if (n is JArr a)
            {
                a.Items.ForEach(Walk);
            }
        }

        Walk(root);
        return objects.Count == 0 ? null : objects[random.Next(objects.Count)];
    }
}
