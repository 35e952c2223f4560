package health.cura.fhir.binary;

import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binary.svc.BaseBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.binstore.FilesystemBinaryStorageSvcImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's binary storage: the content of a Binary (a medical image's file, say) and any attachment above
 * {@code cura.binary-storage.minimum-bytes} is kept out of the resource, in the database by default or in a directory
 * when {@code cura.binary-storage.directory} is set, and put back when the resource is read. Resources stay small, so
 * searches and history do not drag image bytes along.
 */
@Configuration(proxyBeanMethods = false)
public class BinaryStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BinaryStorageConfiguration.class);

    @Bean
    IBinaryStorageSvc binaryStorageSvc(BinaryStorageProperties properties) {
        BaseBinaryStorageSvcImpl storage;
        if (properties.onDisk()) {
            Path directory = Path.of(properties.directory()).toAbsolutePath();
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the binary storage directory " + directory, e);
            }
            storage = new FilesystemBinaryStorageSvcImpl(directory.toString());
            log.info("Binary content is stored on disk in {}", directory);
        } else {
            storage = new DatabaseBinaryContentStorageSvcImpl();
        }
        storage.setMinimumBinarySize(properties.minimumBytes());
        storage.setMaximumBinarySize(properties.maximumBytes());
        return storage;
    }
}
