namespace MedVid.Portal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalFixture portal)
{
    [Fact]
    public async Task An_admin_signs_in_sees_the_dashboard_switches_team_and_signs_out()
    {
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword);
        Assert.Equal($"{portal.Server.BaseUrl}/", page.Url);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(PortalServer.AdminUser);
        await Assertions.Expect(page.GetByTestId("hosts")).ToContainTextAsync(portal.Server.HostId);
        await Assertions.Expect(page.GetByTestId("usage")).ToContainTextAsync("Team B");
        var nav = page.GetByTestId("nav-links");
        foreach (var link in new[] { "Dashboard", "Datasets", "Training", "Generation", "Rating", "Team" })
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard");

        await page.RunAndWaitForNavigationAsync(() => page.SelectOptionAsync("#team-select", portal.TeamB.ToString()));
        await page.GotoAsync("/datasets");
        await Assertions.Expect(page.GetByTestId("datasets")).ToContainTextAsync("Team B private");

        await page.RunAndWaitForNavigationAsync(() => page.GetByTestId("signout").ClickAsync());
        Assert.EndsWith("/signin", page.Url);
        var response = await page.GotoAsync("/datasets");
        Assert.Contains("/signin?ReturnUrl=", page.Url);
        Assert.Equal(200, response!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_and_stays_signed_out()
    {
        var context = await portal.Browser.NewContextAsync(new() { BaseURL = portal.Server.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", PortalServer.AdminUser);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("form-error")).ToHaveTextAsync("Wrong user name or password.");
        var me = await page.APIRequest.GetAsync("/api/v1/auth/me");
        Assert.Equal(401, me.Status);
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_cookie_api_call_that_changes_state_needs_the_pages_antiforgery_token()
    {
        var page = await portal.SignedInPageAsync(PortalFixture.ResearcherUser, PortalFixture.ResearcherPassword);
        await page.GotoAsync("/datasets");
        var withoutToken = await page.EvaluateAsync<int>(
            "async () => (await fetch('/api/v1/datasets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'forged' }) })).status");
        Assert.Equal(403, withoutToken);
        var reads = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/datasets')).status");
        Assert.Equal(200, reads);
        var created = await page.EvaluateAsync<string>("async () => (await medvid.api('/api/v1/datasets', { method: 'POST', body: { name: 'with token' } })).name");
        Assert.Equal("with token", created);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dashboard_fits_a_tablet()
    {
        var page = await portal.SignedInPageAsync(PortalServer.AdminUser, PortalServer.AdminPassword, width: 768, height: 1024);
        await Assertions.Expect(page.GetByTestId("queue")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assert.False(overflow, "the dashboard scrolls sideways at tablet width");
        await Screenshots.SaveAsync(page, "dashboard-tablet");
        await page.Context.CloseAsync();
    }
}
