package org.opencity.model.catalogue;

import java.util.Set;
import java.util.UUID;

/** A technician as a dispatcher picks one: skills and jobs in hand. */
public record TechnicianView(UUID id, String name, Set<String> skills, int openJobs) {
    public TechnicianView {
        skills = Set.copyOf(skills);
    }
}
