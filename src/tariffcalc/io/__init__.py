"""Reading and writing tariff data: data files, the USITC HTS export and its rate texts."""
