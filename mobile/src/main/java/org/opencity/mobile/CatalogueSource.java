package org.opencity.mobile;

import org.opencity.model.ServiceCategoryView;

import java.util.List;

/** Where the app gets the service catalogue from; the backend in production. */
public interface CatalogueSource {
    List<ServiceCategoryView> categories(String locale) throws BackendException;
}
