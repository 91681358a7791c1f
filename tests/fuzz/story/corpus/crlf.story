user asha 1 A
  asha:   spaced   
bot -> asha: x
