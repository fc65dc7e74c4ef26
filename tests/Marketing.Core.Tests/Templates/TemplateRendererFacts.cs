using Marketing.Suppression;
using Marketing.Templates;
using MimeKit;

namespace Marketing.Core.Tests.Templates;

public sealed class TemplateRendererFacts
{
    private static TemplateModel Model(string firstName) => new("marketing", "en",
        new Dictionary<string, string?> { ["first_name"] = firstName },
        new Dictionary<string, string?> { ["name"] = "Acme" },
        new Dictionary<string, string?> { ["unsubscribe"] = "https://e.example/u/x?a=1&b=2" },
        new Dictionary<string, string?> { ["name"] = "News" });

    [Fact]
    public void Values_AreEscapedInHtml_ButTheBodyPlacedInTheLayoutIsNot()
    {
        var template = new TemplateDocument("t", "en", "marketing", "Hi {{ person.first_name }}", "<p>Hi {{ person.first_name }}</p>", null);
        var layout = new TemplateDocument("layout", "en", "layout", "", "<main>{{ content }}</main><a href=\"{{ links.unsubscribe }}\">x</a>", null);

        var rendered = new TemplateRenderer().Render(template, layout, Model("<script>alert(1)</script>"));

        Assert.Equal("<main><p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p></main><a href=\"https://e.example/u/x?a=1&amp;b=2\">x</a>", rendered.Html);
        Assert.Equal("Hi <script>alert(1)</script>", rendered.Subject);
    }

    [Fact]
    public void TextPart_IsDerivedFromTheHtml_KeepingLinkAddresses()
    {
        var text = TemplateRenderer.HtmlToText("<html><head><title>T</title><style>p{}</style></head><body><p>Hello  there</p><p>See <a href=\"https://a.example/x\">the offer</a></p></body></html>");

        Assert.Equal("Hello there\n\nSee the offer (https://a.example/x)\n", text);
    }

    [Fact]
    public void ParseErrors_NameTheirLineAndColumn()
    {
        var errors = TemplateRenderer.Validate("ok", "<p>\n  {{ for x in }}</p>", null);

        var error = Assert.Single(errors.Take(1));
        Assert.Equal("html", error.Part);
        Assert.Equal(2, error.Line);
        Assert.True(error.Column > 1);
    }

    [Fact]
    public void AbuseReport_IsReadAsAComplaint_WithTheOriginalMessageId()
    {
        var arf = """
            From: fbl@isp.example
            To: abuse@acme.example
            Subject: FW: spam report
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="p"

            --p
            Content-Type: text/plain

            This is an abuse report.
            --p
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: FBL/1.0
            Version: 1
            Original-Rcpt-To: <ana@example.com>

            --p
            Content-Type: message/rfc822

            From: news@acme.example
            To: ana@example.com
            Message-ID: <0123abcd@acme.example>
            Subject: Offers

            Body
            --p--
            """.ReplaceLineEndings("\r\n");

        var events = DeliveryReports.Parse(MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(arf))));

        var complaint = Assert.Single(events);
        Assert.Equal(DeliveryEventKinds.Complaint, complaint.Kind);
        Assert.Equal("ana@example.com", complaint.Recipient);
        Assert.Equal("0123abcd@acme.example", complaint.OriginalMessageId);
    }

    [Fact]
    public void KeyedHash_IsTheSameForEverySpellingOfAnAddress_AndDependsOnTheSecret()
    {
        var hasher = new AddressHasher("secret-one-0123456789abcdef0123456789");

        Assert.True(hasher.TryHash("  Ana@Example.COM ", "FR", out var a));
        Assert.True(hasher.TryHash("ana@example.com", "FR", out var b));
        Assert.True(new AddressHasher("secret-two-0123456789abcdef0123456789").TryHash("ana@example.com", "FR", out var c));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(64, a.Length);
    }
}
