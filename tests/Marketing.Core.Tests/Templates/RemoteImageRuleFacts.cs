using Marketing.Templates;

namespace Marketing.Core.Tests.Templates;

/// <summary>R30: a template cannot make a mail client fetch an address that names its recipient.</summary>
public sealed class RemoteImageRuleFacts
{
    [Theory]
    [InlineData("<img src=\"https://t.example/p.gif?e={{ person.email }}\">", "img", "{{ person.email }}")]
    [InlineData("<IMG SRC=\"https://t.example/{{person.first_name}}.png\">", "img", "{{person.first_name}}")]
    [InlineData("<img src=https://t.example/{{ person.email | string.md5 }}>", "img", "{{ person.email | string.md5 }}")]
    [InlineData("<img src=\"{{ links.unsubscribe }}\">", "img", "{{ links.unsubscribe }}")]
    [InlineData("<img src=\"{{ track 'https://t.example/p.gif' }}\">", "img", "{{ track 'https://t.example/p.gif' }}")]
    [InlineData("{{ u = person.email }}<img src=\"https://t.example/{{ u }}\">", "img", "{{ u }}")]
    [InlineData("<img srcset=\"https://t.example/a.png?x={{ person.email }} 2x\">", "img", "{{ person.email }}")]
    [InlineData("<table background=\"https://t.example/bg.png?{{ person.email }}\"><tr><td>x</td></tr></table>", "table", "{{ person.email }}")]
    [InlineData("<div style=\"background:url('https://t.example/{{ person.email }}')\">x</div>", "div", "{{ person.email }}")]
    [InlineData("<style>.a{background:url(https://t.example/{{ person.email }})}</style>", "style", "{{ person.email }}")]
    [InlineData("<link rel=\"stylesheet\" href=\"https://t.example/s.css?{{ person.email }}\">", "link", "{{ person.email }}")]
    [InlineData("<video poster=\"https://t.example/p.png?{{ person.email }}\"></video>", "video", "{{ person.email }}")]
    [InlineData("<img src=\"https://t.example/p.gif?t={{ date.now }}\">", "img", "{{ date.now }}")]
    [InlineData("<img src=\"https://t.example/p.gif?r={{ math.random 1 1000000 }}\">", "img", "{{ math.random 1 1000000 }}")]
    [InlineData("<img {{ person.email }}>", "img", "{{ person.email }}")]
    [InlineData("{{ sender.name = person.email }}<img src=\"https://t.example/{{ sender.name }}\">", "img", "{{ sender.name }}")]
    public void Check_RefusesAnAddressLoadedWithoutAClick_ThatCanNameTheRecipient(string html, string element, string expression)
    {
        var found = RemoteImageRule.Check(html);

        Assert.Contains((element, expression), found);
    }

    [Theory]
    [InlineData("<img src=\"https://cdn.example/logo.png\" alt=\"Acme\">")]
    [InlineData("<img src=\"https://cdn.example/banner-{{ message.locale }}.png\" alt=\"\">")]
    [InlineData("<p>Hello {{ person.first_name }}</p><img src=\"https://cdn.example/{{ purpose.key }}.png\">")]
    [InlineData("<a href=\"{{ links.unsubscribe }}\">Unsubscribe</a>")]
    [InlineData("<a href=\"{{ track 'https://shop.example/' }}\"><img src=\"https://cdn.example/shop.png\"></a>")]
    [InlineData("{{ if person.first_name }}<img src=\"https://cdn.example/a.png\">{{ else }}<img src=\"https://cdn.example/b.png\">{{ end }}")]
    [InlineData("<img src=\"https://cdn.example/x.png?{{ \"a}}b\" }}\">")]
    [InlineData("{{ if message.type == \"marketing\" }}<img src=\"https://cdn.example/{{ sender.name }}.png\">{{ end }}")]
    [InlineData("<img src=\"https://t.example/{{ person.email\">")]
    public void Check_LetsThroughWhatIsTheSameForEveryRecipient(string html)
    {
        Assert.Empty(RemoteImageRule.Check(html));
    }

    [Theory]
    [InlineData("en", "a remote image or other content loaded by the mail client (<img>) cannot have an address that differs per recipient (R30): {{ person.email }}; only sender, message and purpose values may appear there")]
    [InlineData("fr", "une image distante ou un autre contenu chargé par la messagerie (<img>) ne peut pas avoir une adresse propre à chaque destinataire (R30) : {{ person.email }} ; seules les valeurs sender, message et purpose y sont permises")]
    public void Refusal_SaysWhereAndWhat_InBothLanguages(string language, string expected)
    {
        var texts = language == "fr" ? TemplateRuleTexts.French : TemplateRuleTexts.English;

        Assert.Equal(expected, texts["template.recipientImage"].Replace("{element}", "img", StringComparison.Ordinal)
            .Replace("{expression}", "{{ person.email }}", StringComparison.Ordinal));
    }
}
