package dev.berth.console;

import static dev.berth.console.Html.esc;

/** The sign-in form: the MCP token, which {@code berth mcp token} prints on the host. */
final class SignInPage {
    private SignInPage() {
    }

    static String render(String host, String error) {
        StringBuilder b = Html.open("Sign in", host, null);
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\" id=\"sign-in-error\">").append(esc(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/sign-in\" class=\"sign-in\"><p><label for=\"token\">Token</label>")
                .append("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required></p>")
                .append("<p class=\"hint\">The same token as MCP: run <code>berth mcp token</code> on the host.</p>")
                .append("<p><button type=\"submit\">Sign in</button></p></form>");
        return Html.close(b);
    }
}
