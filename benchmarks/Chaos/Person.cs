using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;

namespace ServiceRecovery.Chaos;

/// <summary>
/// One member of staff at a browser: signs in, logs a complaint, then apologizes, listens and fixes, and starts again.
/// After a 503 or a connection error they press the button again — the very same form (same fields, same hidden
/// RequestId, same antiforgery token) — except every Nth 503 on a post (the 1st, N+1st, 2N+1st...), which they give
/// up: the page said nothing was saved, so that post must leave nothing behind.
/// </summary>
internal sealed partial class Person : IDisposable
{
    private static readonly (string Path, string Kind)[] Steps = [("apologize", "case.apologized"), ("listen", "case.listened"), ("fix", "case.fixed")];

    private readonly int _number;
    private readonly string _user;
    private readonly ChaosOptions _options;
    private readonly Results _results;
    private readonly StopSignal _stop;
    private readonly HttpClient _http;
    private int _post503s;

    public Person(int number, string user, ChaosOptions options, Results results, StopSignal stop)
    {
        _number = number;
        _user = user;
        _options = options;
        _results = results;
        _stop = stop;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    private enum Ending
    {
        Acknowledged,
        Abandoned,
        Unresolved,
    }

    public void Dispose() => _http.Dispose();

    public async Task RunAsync()
    {
        if (!await SignInAsync())
        {
            _results.Event(_number, $"could not sign in as {_user}: this person does nothing");
            _results.Count("sign_in_failures");
            return;
        }

        var n = 0;
        while (!_stop.IsRequested)
        {
            n++;
            var marker = $"chaos-{_options.RunId}-c{_number}-{n.ToString("D4", CultureInfo.InvariantCulture)}";
            var reference = await LogComplaintAsync(marker);
            foreach (var (path, kind) in Steps)
            {
                if (reference is null || _stop.IsRequested)
                {
                    break;
                }

                await ThinkAsync();
                if (!await RecordStepAsync(reference, marker, path, kind))
                {
                    break;
                }
            }

            await ThinkAsync();
        }
    }

    private async Task<string?> LogComplaintAsync(string marker)
    {
        var page = await GetAsync("cases/new", "complaint form");
        if (page is null)
        {
            return null;
        }

        var form = Pages.FormWith(page, "Data.WhatHappened");
        if (form is null)
        {
            _results.Anomaly(_number, "complaint form missing", 200, "GET /cases/new", page.DocumentElement.OuterHtml);
            return null;
        }

        var data = FormData.Read(form);
        var requestId = data.Get("Data.RequestId") ?? "";
        var categories = form.QuerySelectorAll("select[name='Data.Category'] option").Select(o => o.GetAttribute("value") ?? "").Where(v => v.Length > 0).ToList();
        var channels = form.QuerySelectorAll("select[name='Data.Channel'] option").Select(o => o.GetAttribute("value") ?? "").Where(v => v.Length > 0).ToList();
        var severities = form.QuerySelectorAll("input[name='Data.Severity']").Select(o => o.GetAttribute("value") ?? "").Where(v => v.Length > 0).ToList();
        if (categories.Count == 0 || channels.Count == 0 || severities.Count == 0 || !Guid.TryParse(requestId, out _))
        {
            _results.Anomaly(_number, "complaint form without categories, channels, severities or request id", 200, "GET /cases/new", page.DocumentElement.OuterHtml);
            return null;
        }

        var pick = Random.Shared;
        var tail = marker[(marker.LastIndexOf('-') + 1)..];
        data.Set("Data.CustomerName", $"Chaos Guest {_number}-{tail}");
        data.Set("Data.CustomerEmail", $"{marker}@example.invalid");
        data.Set("Data.Channel", channels[pick.Next(channels.Count)]);
        data.Set("Data.Category", categories[pick.Next(categories.Count)]);
        data.Set("Data.Severity", severities[pick.Next(severities.Count)]);
        data.Set("Data.WhatHappened", $"Our room was not ready when we arrived after a long journey, and nobody told us why. [{marker}]");
        data.Set("Data.CustomerWants", "A ready room, and to be told what is going on.");
        var (ending, location, attempts, first503) = await PostAsync(Action(form, "cases/new"), data, $"complaint {marker}", l => ComplaintLocation().IsMatch(l));
        switch (ending)
        {
            case Ending.Acknowledged:
                var reference = ComplaintLocation().Match(location!).Groups[1].Value;
                _results.Complaint(marker, requestId, reference, _number, attempts, first503);
                _results.Count("complaints_acknowledged");
                _results.Event(_number, $"complaint {marker} acknowledged as {reference} after {attempts} post(s)");
                return reference;
            case Ending.Abandoned:
                _results.Abandoned("complaint", marker, requestId, "-", _number, first503);
                _results.Count("abandoned_complaints");
                return null;
            default:
                _results.Unresolved("complaint", marker, requestId, "-", _number, location ?? "");
                return null;
        }
    }

    private async Task<bool> RecordStepAsync(string reference, string caseMarker, string step, string kind)
    {
        var url = $"cases/{reference}/{step}";
        var page = await GetAsync(url, $"{step} form of {reference}");
        if (page is null)
        {
            return false;
        }

        var form = Pages.FormWith(page, "Data.RequestId");
        if (form is null)
        {
            _results.Anomaly(_number, $"{step} form of {reference} not offered", 200, "GET /" + url, page.DocumentElement.OuterHtml);
            return false;
        }

        var data = FormData.Read(form);
        var requestId = data.Get("Data.RequestId") ?? "";
        var marker = $"{caseMarker}-{step}";
        switch (step)
        {
            case "apologize":
                data.Set("Data.Words", $"I'm so sorry your room wasn't ready. That's got to be so frustrating after a long journey. [{marker}]");
                break;
            case "listen":
                data.Set("Data.CustomerFeels", $"Tired and let down; they had planned to rest before a meeting. [{marker}]");
                break;
            default:
                data.Set("Data.WhatWasDone", $"Moved them to a ready room on the same floor at once and had the bags carried up. [{marker}]");
                data.Set("Data.ResolvedAtFirstContact", "true");
                // The fix step requires the root cause: the first cause offered (a suggestion, or the first of the list).
                data.Set("Data.RootCauseId", form.QuerySelectorAll("#Data_RootCauseId option").Select(o => o.GetAttribute("value")).FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "");
                break;
        }

        var expected = "/cases/" + reference;
        var (ending, location, attempts, first503) = await PostAsync(Action(form, url), data, $"{step} {reference} {marker}",
            l => string.Equals(l, expected, StringComparison.OrdinalIgnoreCase));
        switch (ending)
        {
            case Ending.Acknowledged:
                _results.Step(reference, kind, requestId, marker, _number, attempts, first503);
                _results.Count("steps_acknowledged");
                _results.Count("steps_acknowledged_" + step);
                return true;
            case Ending.Abandoned:
                _results.Abandoned(kind, marker, requestId, reference, _number, first503);
                _results.Count("abandoned_steps");
                return false;
            default:
                _results.Unresolved(kind, marker, requestId, reference, _number, location ?? "");
                return false;
        }
    }

    /// <summary>
    /// Posts the form until it is acknowledged (the redirect <paramref name="isAck"/> expects), abandoned (a 503 this
    /// person gives up) or unresolved (anything else: an anomaly). The same fields every time.
    /// </summary>
    private async Task<Posted> PostAsync(string path, FormData data, string what, Func<string, bool> isAck)
    {
        var attempts = 0;
        string? retryReason = null;
        DateTimeOffset? first503 = null; // when the first 503 for this form arrived
        while (true)
        {
            if (_stop.DrainExpired)
            {
                return new(Ending.Unresolved, $"drain time over after {attempts} post(s)", attempts, first503);
            }

            if (attempts >= _options.MaxAttempts)
            {
                _results.Event(_number, $"{what}: gave up after {attempts} posts");
                return new(Ending.Unresolved, $"gave up after {attempts} post(s)", attempts, first503);
            }

            attempts++;
            if (retryReason is not null)
            {
                _results.Count("retries");
                _results.Count("retries_after_" + retryReason);
            }

            _results.Count("posts");
            var sentAt = DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var clock = Stopwatch.StartNew();
            int status;
            string body;
            string? location;
            try
            {
                using var content = new FormUrlEncodedContent(data.Pairs);
                using var response = await _http.PostAsync(path, content, _stop.HardDeadline);
                status = (int)response.StatusCode;
                location = response.Headers.Location?.OriginalString;
                body = await response.Content.ReadAsStringAsync(_stop.HardDeadline);
            }
            catch (OperationCanceledException) when (_stop.HardDeadline.IsCancellationRequested)
            {
                return new(Ending.Unresolved, "hard deadline", attempts, first503);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The app did not answer: nobody knows whether it was saved, so the person presses again.
                _results.Count("post_connection_errors");
                _results.Event(_number, $"{what}: post {attempts} (sent {sentAt}) failed after {clock.ElapsedMilliseconds} ms: {ex.GetType().Name}: {ex.Message}");
                retryReason = "connection_error";
                await PauseAsync();
                continue;
            }

            var elapsed = clock.ElapsedMilliseconds;
            if (status is 301 or 302 or 303 or 307 && location is not null)
            {
                if (isAck(location))
                {
                    if (elapsed > 1000)
                    {
                        _results.Count("posts_acknowledged_slow");
                        _results.Event(_number, $"{what}: acknowledged on post {attempts} (sent {sentAt}) after {elapsed} ms");
                    }
                    else if (attempts > 1)
                    {
                        _results.Event(_number, $"{what}: acknowledged on post {attempts} ({elapsed} ms)");
                    }

                    return new(Ending.Acknowledged, location, attempts, first503);
                }

                if (location.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
                {
                    // Signed out under the person's feet (the session re-check could not reach the database?).
                    _results.Count("signed_out");
                    _results.Anomaly(_number, $"{what}: signed out", status, "POST /" + path, null);
                    if (!await SignInAsync())
                    {
                        return new(Ending.Unresolved, "signed out, sign-in failed", attempts, first503);
                    }

                    retryReason = "sign_out";
                    continue;
                }

                _results.Anomaly(_number, $"{what}: unexpected redirect to {location}", status, "POST /" + path, body);
                return new(Ending.Unresolved, $"redirect to {location}", attempts, first503);
            }

            if (status == 503)
            {
                first503 ??= DateTimeOffset.UtcNow;
                _results.Count("post_503");
                var says = body.Contains(Pages.NothingSaved, StringComparison.Ordinal);
                // "We cannot tell whether it was saved" (the COMMIT's answer was lost): a person presses again, never gives up.
                var unsure = body.Contains(Pages.CannotTell, StringComparison.Ordinal);
                if (unsure)
                {
                    _results.Count("post_503_outcome_unknown");
                }
                else if (!says)
                {
                    _results.Anomaly(_number, $"{what}: 503 without \"{Pages.NothingSaved}\"", status, "POST /" + path, body);
                }

                var n = ++_post503s;
                // Every Nth 503 is given up, starting with the first (runs with short outages see few 503s).
                if (says && _options.AbandonEvery > 0 && (n - 1) % _options.AbandonEvery == 0)
                {
                    _results.Count("abandoned");
                    _results.Event(_number, $"{what}: 503 on post {attempts} (sent {sentAt}, {elapsed} ms), page says nothing was saved: ABANDONED");
                    return new(Ending.Abandoned, null, attempts, first503);
                }

                _results.Event(_number, $"{what}: 503 on post {attempts} (sent {sentAt}, {elapsed} ms): pressing again");
                retryReason = "503";
                await PauseAsync();
                continue;
            }

            if (status >= 500)
            {
                // Not the promised 503: a bug shown to the person. They press again.
                _results.Anomaly(_number, $"{what}: post {attempts} ({elapsed} ms)", status, "POST /" + path, body);
                retryReason = "5xx";
                await PauseAsync();
                continue;
            }

            // 200 (the form again, with messages), 400 (antiforgery), 403, 404...: not expected in this run.
            _results.Anomaly(_number, $"{what}: post {attempts} ({elapsed} ms)", status, "POST /" + path, body);
            return new(Ending.Unresolved, $"HTTP {status}", attempts, first503);
        }
    }

    /// <summary>A page the person opens; reloaded after a 503 or a connection error. Null when it cannot be had.</summary>
    private async Task<IHtmlDocument?> GetAsync(string path, string what)
    {
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (_stop.IsRequested)
            {
                return null;
            }

            _results.Count("gets");
            int status;
            string body;
            string? location;
            try
            {
                using var response = await _http.GetAsync(path, _stop.HardDeadline);
                status = (int)response.StatusCode;
                location = response.Headers.Location?.OriginalString;
                body = await response.Content.ReadAsStringAsync(_stop.HardDeadline);
            }
            catch (OperationCanceledException) when (_stop.HardDeadline.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                _results.Count("get_connection_errors");
                _results.Event(_number, $"GET {what}: {ex.GetType().Name}: {ex.Message}");
                await PauseAsync();
                continue;
            }

            switch (status)
            {
                case 200:
                    return Pages.Parse(body);
                case 302 when location?.Contains("/account/login", StringComparison.OrdinalIgnoreCase) == true:
                    _results.Count("signed_out");
                    _results.Anomaly(_number, $"GET {what}: signed out", status, "GET /" + path, null);
                    if (!await SignInAsync())
                    {
                        return null;
                    }

                    continue;
                case 503:
                    _results.Count("get_503");
                    if (!body.Contains(Pages.NothingSaved, StringComparison.Ordinal))
                    {
                        _results.Anomaly(_number, $"GET {what}: 503 without \"{Pages.NothingSaved}\"", status, "GET /" + path, body);
                    }

                    await PauseAsync();
                    continue;
                case >= 500:
                    _results.Anomaly(_number, $"GET {what}", status, "GET /" + path, body);
                    await PauseAsync();
                    continue;
                default:
                    _results.Anomaly(_number, $"GET {what}", status, "GET /" + path, body);
                    return null;
            }
        }

        return null;
    }

    private async Task<bool> SignInAsync()
    {
        for (var attempt = 1; attempt <= _options.MaxAttempts && !_stop.HardDeadline.IsCancellationRequested; attempt++)
        {
            try
            {
                using var get = await _http.GetAsync("account/login", _stop.HardDeadline);
                var html = await get.Content.ReadAsStringAsync(_stop.HardDeadline);
                if (get.StatusCode != HttpStatusCode.OK)
                {
                    _results.Event(_number, $"sign-in page: HTTP {(int)get.StatusCode}");
                    await PauseAsync();
                    continue;
                }

                var form = Pages.FormWith(Pages.Parse(html), "Input.Email");
                if (form is null)
                {
                    _results.Anomaly(_number, "sign-in form missing", 200, "GET /account/login", html);
                    return false;
                }

                var data = FormData.Read(form);
                data.Set("Input.Email", _user);
                data.Set("Input.Password", _options.Password);
                using var content = new FormUrlEncodedContent(data.Pairs);
                using var post = await _http.PostAsync(Action(form, "account/login"), content, _stop.HardDeadline);
                var location = post.Headers.Location?.OriginalString;
                if ((int)post.StatusCode == 302 && location is not null && !location.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
                {
                    _results.Count("sign_ins");
                    _results.Event(_number, $"signed in as {_user}");
                    return true;
                }

                _results.Event(_number, $"sign-in post: HTTP {(int)post.StatusCode} {Pages.Gist(await post.Content.ReadAsStringAsync(_stop.HardDeadline))}");
            }
            catch (OperationCanceledException) when (_stop.HardDeadline.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                _results.Event(_number, $"sign-in: {ex.GetType().Name}: {ex.Message}");
            }

            await PauseAsync();
        }

        return false;
    }

    /// <summary>Where the form posts: its action, or the page itself; relative to the base address.</summary>
    private static string Action(IHtmlFormElement form, string pagePath)
    {
        var action = form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? pagePath : action.TrimStart('/');
    }

    private Task PauseAsync() => Delay(_options.RetryDelayMs);

    private Task ThinkAsync() => Delay(_options.ThinkMs);

    private async Task Delay(int ms)
    {
        if (ms <= 0)
        {
            return;
        }

        var jittered = ms / 2 + Random.Shared.Next(ms + 1);
        try
        {
            await Task.Delay(jittered, _stop.HardDeadline);
        }
        catch (OperationCanceledException)
        {
            // the hard deadline: the caller sees it on its next request
        }
    }

    /// <summary>How a form's posts ended; <paramref name="First503"/> is when its first 503 arrived (null: none).</summary>
    private readonly record struct Posted(Ending Ending, string? LocationOrWhy, int Attempts, DateTimeOffset? First503);

    [GeneratedRegex(@"^/cases/(SR-\d{4}-\d{6,})$", RegexOptions.CultureInvariant)]
    private static partial Regex ComplaintLocation();
}
