package health.cura.fhir.binary;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the content of Binary resources (and of large attachments) is kept, apart from the resource itself.
 *
 * @param directory a directory on disk, or empty to keep the content in the database (HAPI's binary table)
 * @param minimumBytes content smaller than this stays inline in the resource
 * @param maximumBytes the largest content accepted
 */
@ConfigurationProperties("cura.binary-storage")
public record BinaryStorageProperties(
        @DefaultValue("") String directory,
        @DefaultValue("65536") int minimumBytes,
        @DefaultValue("104857600") long maximumBytes) {

    public boolean onDisk() {
        return !directory.isBlank();
    }
}
