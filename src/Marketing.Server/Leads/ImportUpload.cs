using System.Buffers;
using System.Text;
using Marketing.Data;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Marketing.Server.Leads;

/// <summary>
/// An import's multipart upload read as it arrives (ADR 0021): the <c>file</c> part is copied to a file in the data
/// directory within <see cref="ImportsSettings.MaxUploadBytes"/>, never held in memory; the other parts are small text
/// fields (<c>batch</c>, the provenance as JSON), checked as the input policy checks any form's. A refusal names the
/// field and leaves no file behind.
/// </summary>
public sealed class ImportUpload : IAsyncDisposable
{
    public const int MaxFieldBytes = 64 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ImportUpload(string path) => TempPath = path;

    /// <summary>The received file, until <see cref="KeepAs"/> moves it; deleted on dispose otherwise.</summary>
    public string TempPath { get; private set; }
    public string? FileName { get; private set; }
    public long FileBytes { get; private set; }
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// <returns>The upload, or the problem to answer (nothing kept).</returns>
    public static async Task<(ImportUpload? Upload, IResult? Problem)> ReadAsync(HttpRequest request, string directory, long maxFileBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, Problems.Field("Content-Type", "a multipart/form-data body needs its boundary"));
        }

        Directory.CreateDirectory(directory);
        var upload = new ImportUpload(Path.Combine(directory, $"upload-{Guid.NewGuid():N}.part"));
        IResult? problem;
        try
        {
            problem = await upload.ReadPartsAsync(new MultipartReader(boundary, request.Body), maxFileBytes, ct);
        }
        catch (InvalidDataException e)
        {
            problem = ErrorResponses.FormProblem(e);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit (Kestrel), set from the route's by the input policy.
            problem = Problems.TooLarge("file", $"is larger than the {maxFileBytes} bytes accepted here (Marketing:Imports:MaxUploadBytes)");
        }
        catch (IOException e)
        {
            problem = Problems.Field("body", $"is not a complete form: {e.Message}");
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }

        if (problem is null)
        {
            return (upload, null);
        }

        await upload.DisposeAsync();
        return (null, problem);
    }

    private async Task<IResult?> ReadPartsAsync(MultipartReader reader, long maxFileBytes, CancellationToken ct)
    {
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                return Problems.Field("body", "each part of the form needs a Content-Disposition: form-data header");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (StoredText.FirstRefused(name) >= 0)
            {
                return Problems.Field("body", $"names a key that {StoredText.Describe(name)}");
            }

            if (disposition.IsFileDisposition())
            {
                if (name != "file" || FileName is not null)
                {
                    return Problems.Unsupported(name.Length > 0 ? name : "body", "one file is accepted here, as the form field 'file'");
                }

                FileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                if (StoredText.FirstRefused(FileName) >= 0)
                {
                    return Problems.Field("file", $"has a file name that {StoredText.Describe(FileName)}");
                }

                await using var target = new FileStream(TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                FileBytes = await CopyAsync(section.Body, target, maxFileBytes, ct);
                if (FileBytes > maxFileBytes)
                {
                    return Problems.TooLarge("file", $"is larger than the {maxFileBytes} bytes accepted here (Marketing:Imports:MaxUploadBytes)");
                }

                continue;
            }

            using var field = new MemoryStream();
            if (await CopyAsync(section.Body, field, MaxFieldBytes, ct) > MaxFieldBytes)
            {
                return Problems.TooLarge(name, $"is longer than the {MaxFieldBytes} bytes a field may hold");
            }

            string value;
            try
            {
                value = StrictUtf8.GetString(field.GetBuffer(), 0, (int)field.Length);
            }
            catch (DecoderFallbackException)
            {
                return Problems.Field(name, "is not valid UTF-8 text");
            }

            if (StoredText.FirstRefused(value) >= 0)
            {
                return Problems.Field(name, StoredText.Describe(value));
            }

            Fields[name] = value;
        }

        return null;
    }

    /// <summary>Copies at most one byte past <paramref name="limit"/>: an endless part costs no more than the limit.</summary>
    private static async Task<long> CopyAsync(Stream source, Stream target, long limit, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        long copied = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit + 1 - copied)), ct)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                copied += read;
                if (copied > limit)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return copied;
    }

    /// <summary>The job never sees a half-written file: the complete upload is moved under the batch's name.</summary>
    public void KeepAs(string path)
    {
        File.Move(TempPath, path, overwrite: true);
        TempPath = "";
    }

    public ValueTask DisposeAsync()
    {
        if (TempPath.Length > 0 && File.Exists(TempPath))
        {
            File.Delete(TempPath);
        }

        return ValueTask.CompletedTask;
    }
}
