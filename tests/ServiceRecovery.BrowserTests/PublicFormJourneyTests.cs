using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.BrowserTests;

/// <summary>A member of the public files a complaint in Vietnamese on the public form; staff find it in the queue.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "E2E")]
public sealed class PublicFormJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_customer_files_a_complaint_in_vietnamese_and_frontline_staff_see_it_in_the_queue()
    {
        var customer = await Fixture.NewPageAsync();
        await customer.GotoAsync("/account/login");
        await customer.GetByRole(AriaRole.Link, new() { Name = "Phản ánh sự cố (Tiếng Việt)" }).ClickAsync();
        await Assertions.Expect(customer.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("Phản ánh sự cố với chúng tôi");
        await AssertAccessibleAsync(customer);
        await BrowserFixture.ScreenshotAsync(customer, "public-form-vi");

        // Sent empty first: the messages are in Vietnamese, next to their fields.
        await customer.GetByRole(AriaRole.Button, new() { Name = "Gửi khiếu nại" }).ClickAsync();
        await Assertions.Expect(customer.GetByText("Xin quý khách cho biết họ tên.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(customer);

        await customer.GetByLabel("Họ và tên").FillAsync("Trần Thị Mai");
        await customer.GetByLabel("Thư điện tử (e-mail)").FillAsync("mai@example.vn");
        await customer.GetByLabel("Chuyện gì đã xảy ra?").FillAsync("Phòng 305 không có nước nóng cả buổi sáng. 😞");
        await customer.GetByLabel("Chúng tôi có thể làm gì để bù đắp cho quý khách?").FillAsync("Giảm giá một đêm.");
        await customer.GetByLabel("Mã đặt phòng hoặc mã giao dịch").FillAsync("BK-2231");
        // The honeypot is out of sight and out of the keyboard order.
        await Assertions.Expect(customer.Locator("#Data_Website")).Not.ToBeInViewportAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Gửi khiếu nại" }).ClickAsync();

        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("Cảm ơn quý khách: chúng tôi đã nhận được khiếu nại");
        var reference = (await customer.GetByTestId("reference").TextContentAsync())!.Trim();
        Assert.Matches("^SR-[0-9]{4}-[0-9]{6}$", reference);
        await AssertAccessibleAsync(customer);
        await BrowserFixture.ScreenshotAsync(customer, "public-form-received-vi");

        // The same acknowledgement in English, from the language switch.
        await customer.GetByTestId("lang-en").ClickAsync();
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("Thank you: we have your complaint");
        await Assertions.Expect(customer.GetByTestId("reference")).ToHaveTextAsync(reference);
        await AssertAccessibleAsync(customer);
        await customer.GotoAsync("/complain");
        await AssertAccessibleAsync(customer);
        await BrowserFixture.ScreenshotAsync(customer, "public-form-en");
        await customer.Context.CloseAsync();

        var staff = await Fixture.NewPageAsync();
        await staff.GotoAsync("/account/login");
        await staff.GetByLabel("Email").FillAsync("frontline@demo.test");
        await staff.GetByLabel("Password").FillAsync(DemoData.Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "Queue", Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("queue")).ToContainTextAsync(reference);
        await Assertions.Expect(staff.GetByTestId("queue")).ToContainTextAsync("Trần Thị Mai");
        await staff.GetByRole(AriaRole.Link, new() { Name = reference }).First.ClickAsync();
        await Assertions.Expect(staff.Locator("main")).ToContainTextAsync("Phòng 305 không có nước nóng");
        await Assertions.Expect(staff.Locator("main")).ToContainTextAsync("BK-2231");
        await staff.Context.CloseAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var violations = axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, $"axe on {page.Url}:\n" + string.Join("\n", violations));
    }
}
