package org.cpe.cli;

import java.io.Console;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.cpe.client.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cpe hash-password}: the hashed form of a password for {@code cpe.security.users}. On a terminal it asks
 * twice without echo; otherwise it reads the first line of standard input, so that no password lands in the shell's
 * history or in the process list.
 */
@Command(
        name = "hash-password",
        description = "Prints the hashed form of a password for cpe.security.users (name:role:HASH). Asks on a"
                + " terminal, or reads the first line of standard input.")
final class HashPasswordCommand implements Callable<Integer> {

    @ParentCommand
    Cpe cpe;

    @Override
    public Integer call() throws IOException {
        Console console = System.console();
        char[] password;
        if (console != null && cpe.in == null) {
            password = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                cpe.output().err.println("error: the passwords differ");
                return Cpe.USAGE;
            }
        } else {
            String line = cpe.in == null ? null : cpe.in.readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password.length == 0) {
            cpe.output().err.println("error: no password given (type it, or pipe it on standard input)");
            return Cpe.USAGE;
        }
        cpe.output().out.println(PasswordHash.hash(password));
        Arrays.fill(password, '\0');
        return 0;
    }
}
