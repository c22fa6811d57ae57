using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AiNewsDashboard.Web.Mail;

/// <summary>A file sent with a mail.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>A mail to the configured recipients (<see cref="SmtpOptions.To"/>).</summary>
public sealed record OutgoingMail(string Subject, string Body, IReadOnlyList<MailAttachment> Attachments);

/// <summary>Sends mail through the <c>Smtp</c> settings; the one way the app mails anyone.</summary>
public interface IMailSender
{
    /// <summary>False while <see cref="SmtpOptions.Host"/> is empty: nothing is sent.</summary>
    bool IsConfigured { get; }

    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.IsConfigured)
            throw new InvalidOperationException("Mail is not configured: set Smtp:Host.");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        foreach (var to in o.To)
            message.To.Add(MailboxAddress.Parse(to));
        message.Subject = mail.Subject;
        var body = new BodyBuilder { TextBody = mail.Body };
        foreach (var a in mail.Attachments)
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient();
        await client.ConnectAsync(o.Host, o.Port, o.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        }, ct);
        if (o.User.Length > 0)
            await client.AuthenticateAsync(o.User, o.Password, ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
