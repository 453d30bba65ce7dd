package org.opencity.mobile;

import javafx.application.Application;

/**
 * Starts the app from a plain class path ({@code java -cp ... org.opencity.mobile.Main}): a main
 * class that is not itself an {@link Application} lets the JavaFX runtime load from the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(OpenCityApp.class, args);
    }
}
