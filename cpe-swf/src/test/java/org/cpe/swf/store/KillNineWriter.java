package org.cpe.swf.store;

import static org.cpe.swf.store.Records.events;
import static org.cpe.swf.store.Records.open;

import java.util.List;
import org.cpe.swf.store.Change.EventsAppended;
import org.cpe.swf.store.Change.ExecutionPut;

/**
 * The process {@link KillNineDurabilityTest} kills: writes one run per commit, waiting for each, and prints the
 * number of every run whose commit was acknowledged.
 */
public final class KillNineWriter {

    private KillNineWriter() {}

    public static void main(String[] args) {
        SwfStore store = JdbcSwfStore.open(args[0], null, null);
        for (int run = 0; ; run++) {
            store.submit(List.of(
                            new ExecutionPut(open("d", "w" + run, "r" + run, run)),
                            new EventsAppended("r" + run, events(1, 3))))
                    .join();
            System.out.println("acknowledged " + run);
            System.out.flush();
        }
    }
}
