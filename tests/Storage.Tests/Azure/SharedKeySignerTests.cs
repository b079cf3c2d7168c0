using System.Net.Http.Headers;
using MedVid.Storage.Azure;

namespace MedVid.Storage.Tests.Azure;

/// <summary>
/// Fixed requests against hand-written canonical strings (from the Shared Key specification) and a
/// signature computed independently (Python's hmac over the same string with Azurite's published key).
/// </summary>
public sealed class SharedKeySignerTests
{
    private const string Account = "devstoreaccount1";
    private const string Date = "Mon, 01 Jan 2024 00:00:00 GMT";

    private static HttpRequestMessage PutBlockRequest()
    {
        var blockId = Uri.EscapeDataString("QUJD+/8=");
        var request = new HttpRequestMessage(HttpMethod.Put,
            $"http://127.0.0.1:10000/devstoreaccount1/medvid/teams/7/clip.mp4?comp=block&blockid={blockId}")
        {
            Content = new ByteArrayContent([1, 2, 3, 4, 5]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        request.Headers.Add("x-ms-version", "2021-08-06");
        request.Headers.Add("x-ms-date", Date);
        request.Headers.TryAddWithoutValidation("X-MS-Meta-Name", "  spaced   value ");
        return request;
    }

    [Fact]
    public void Put_Block_string_to_sign_lists_length_type_sorted_headers_and_decoded_query()
    {
        using var request = PutBlockRequest();

        var expected =
            "PUT\n\n\n5\n\nvideo/mp4\n\n\n\n\n\n\n" +
            "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n" +
            "x-ms-meta-name:spaced value\n" +
            "x-ms-version:2021-08-06\n" +
            "/devstoreaccount1/devstoreaccount1/medvid/teams/7/clip.mp4\n" +
            "blockid:QUJD+/8=\n" +
            "comp:block";
        Assert.Equal(expected, SharedKeySigner.StringToSign(request, Account));
    }

    [Fact]
    public void Signature_matches_an_independently_computed_HMAC_SHA256()
    {
        using var request = PutBlockRequest();
        var key = Convert.FromBase64String(
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");

        SharedKeySigner.Sign(request, Account, key);

        Assert.Equal("SharedKey devstoreaccount1:OPwtBwNtNcKYm7GsT88dvE90EIs+gDHj4zoGP7F9fNA=", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public void A_bodiless_List_Blobs_request_signs_an_empty_length_and_sorted_lower_cased_parameters()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "https://acct.blob.core.windows.net/medvid?restype=container&comp=list&Prefix=a%2Fb&maxresults=2");
        request.Headers.Add("x-ms-date", Date);
        request.Headers.Add("x-ms-range", "bytes=0-9");

        var expected =
            "GET\n\n\n\n\n\n\n\n\n\n\n\n" +
            "x-ms-date:Mon, 01 Jan 2024 00:00:00 GMT\n" +
            "x-ms-range:bytes=0-9\n" +
            "/acct/medvid\n" +
            "comp:list\nmaxresults:2\nprefix:a/b\nrestype:container";
        Assert.Equal(expected, SharedKeySigner.StringToSign(request, "acct"));
    }

    [Fact]
    public void A_zero_length_body_is_signed_as_an_empty_Content_Length()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://acct.blob.core.windows.net/medvid/empty.bin")
        {
            Content = new ByteArrayContent([]),
        };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");

        Assert.Equal("PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-blob-type:BlockBlob\n/acct/medvid/empty.bin", SharedKeySigner.StringToSign(request, "acct"));
    }
}
