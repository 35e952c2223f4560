package health.cura.bench;

/** One request of a scenario, made by client {@code client}; returns normally on success, throws on failure. */
@FunctionalInterface
public interface Operation {
    void run(int client, long iteration) throws Exception;
}
