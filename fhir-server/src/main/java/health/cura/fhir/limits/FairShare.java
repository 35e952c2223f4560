package health.cura.fhir.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * The share of the database pool each clinic may hold while clinics compete for it, counted in requests in flight
 * (a request holds at most one connection at a time). A clinic alone may use it all; when several clinics have
 * requests in flight, each may have at most the pool's size divided among them (at least one). Pure bookkeeping,
 * safe for concurrent use; a request admitted must be released exactly once.
 */
public final class FairShare {

    private final int capacity;
    private final Map<String, Integer> inFlight = new HashMap<>();

    public FairShare(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Admits one more request of the clinic, unless it already holds its share while others compete. */
    public synchronized boolean admit(String clinic) {
        int mine = inFlight.getOrDefault(clinic, 0);
        int competing = inFlight.size() + (mine == 0 ? 1 : 0);
        if (competing > 1 && mine >= shareOf(competing)) {
            return false;
        }
        inFlight.put(clinic, mine + 1);
        return true;
    }

    public synchronized void release(String clinic) {
        Integer mine = inFlight.get(clinic);
        if (mine == null) {
            throw new IllegalStateException("No request of this clinic is in flight");
        }
        if (mine == 1) {
            inFlight.remove(clinic);
        } else {
            inFlight.put(clinic, mine - 1);
        }
    }

    /** Requests of the clinic in flight now. */
    public synchronized int inFlight(String clinic) {
        return inFlight.getOrDefault(clinic, 0);
    }

    private int shareOf(int competing) {
        return Math.max(1, capacity / competing);
    }
}
