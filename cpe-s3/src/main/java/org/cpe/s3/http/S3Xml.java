package org.cpe.s3.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** S3's XML: documents written with escaping, request documents parsed without external entities, and its dates. */
final class S3Xml {

    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    /** How much of a request document (CompleteMultipartUpload, Delete) is read: S3 allows 1,000 entries. */
    static final int MAX_REQUEST_DOCUMENT = 2 * 1024 * 1024;

    private static final DateTimeFormatter ISO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private S3Xml() {}

    /** An element with escaped text, or nothing when the text is null. */
    static String element(String name, Object text) {
        if (text == null) {
            return "";
        }
        return "<" + name + ">" + escape(text.toString()) + "</" + name + ">";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A key or prefix as listed: URL-encoded when the client asked for {@code encoding-type=url}. */
    static String listed(String text, boolean urlEncoded) {
        if (text == null || !urlEncoded) {
            return text;
        }
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** ISO 8601 with milliseconds, as listings show times. */
    static String isoTime(Instant at) {
        return ISO_TIME.format(at);
    }

    /** RFC 1123, as the Last-Modified header shows times. */
    static String httpTime(Instant at) {
        return HTTP_DATE.format(at);
    }

    static Document parse(InputStream body) throws IOException, MalformedDocument {
        byte[] bytes = body.readNBytes(MAX_REQUEST_DOCUMENT + 1);
        if (bytes.length > MAX_REQUEST_DOCUMENT) {
            throw new MalformedDocument("The XML document is larger than " + MAX_REQUEST_DOCUMENT + " bytes");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(bytes));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw new MalformedDocument("The XML you provided was not well-formed: " + e.getMessage());
        }
    }

    /** A request document that is not the XML the operation takes. */
    static final class MalformedDocument extends Exception {
        MalformedDocument(String message) {
            super(message);
        }
    }
}
