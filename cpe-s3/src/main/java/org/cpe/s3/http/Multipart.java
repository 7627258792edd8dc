package org.cpe.s3.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.cpe.s3.store.ObjectInfo;
import org.cpe.s3.store.ObjectStore;
import org.cpe.s3.store.StoreException;
import org.cpe.s3.store.Uploads;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** CompleteMultipartUpload: the client's list of parts read from its XML, and the joined object's result. */
final class Multipart {

    private Multipart() {}

    static S3Reply complete(ObjectStore store, String bucket, String key, String uploadId, InputStream body)
            throws S3Error, StoreException, IOException {
        Document document;
        try {
            document = S3Xml.parse(body);
        } catch (S3Xml.MalformedDocument e) {
            throw new S3Error(400, "MalformedXML", e.getMessage());
        }
        List<Uploads.Part> parts = new ArrayList<>();
        NodeList elements = document.getElementsByTagName("Part");
        for (int i = 0; i < elements.getLength(); i++) {
            Element part = (Element) elements.item(i);
            String number = text(part, "PartNumber");
            try {
                parts.add(new Uploads.Part(Integer.parseInt(number.trim()), text(part, "ETag")));
            } catch (NumberFormatException e) {
                throw new S3Error(400, "MalformedXML", "A part's PartNumber is not a number: '" + number + "'");
            }
        }
        ObjectInfo info = store.uploads().complete(bucket, key, uploadId, parts);
        return S3Reply.xml(
                200,
                S3Xml.DECLARATION + "<CompleteMultipartUploadResult xmlns=\"" + S3Xml.NAMESPACE + "\">"
                        + S3Xml.element("Location", "/" + bucket + "/" + key) + S3Xml.element("Bucket", bucket)
                        + S3Xml.element("Key", key) + S3Xml.element("ETag", info.quotedEtag())
                        + "</CompleteMultipartUploadResult>");
    }

    static String text(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent();
    }
}
